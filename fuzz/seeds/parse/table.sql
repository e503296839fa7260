CREATE TABLE public.t (
    id integer NOT NULL,
    n numeric(10,2) DEFAULT round((1.5)::numeric, 2),
    s character varying(20)[],
    CONSTRAINT t_n_check CHECK ((((n >= (0)::numeric) AND (n <= (100)::numeric))))
);
ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);
CREATE INDEX t_n_idx ON public.t USING btree (n DESC, id) WHERE (n > 0);
GRANT SELECT,INSERT ON TABLE public.t TO reader;
COMMENT ON COLUMN public.t.n IS 'the; n';
