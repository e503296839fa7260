COPY public.t (a, b) FROM stdin;
1	'x
2	$$
\.
SELECT pg_catalog.setval('public.t_a_seq', 1, false);
