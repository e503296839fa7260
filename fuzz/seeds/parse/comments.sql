-- a; b
/* c; /* nested; */ d */ SELECT 1; -- e
/* x */