--
-- PostgreSQL database dump: the layout of pg_dump 17 (written by hand for the tests).
--

\restrict 9f3kQ2nLw8bXz7TgHc4VyR1sJ6mPdE0aKuYtNo5iWqLhGfZxCvBnMjSe2rDpA

-- Dumped from database version 17.6
-- Dumped by pg_dump version 17.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: app_owner
--

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    name text,
    email text NOT NULL
);


ALTER TABLE public.accounts OWNER TO app_owner;

--
-- Name: accounts_id_seq; Type: SEQUENCE; Schema: public; Owner: app_owner
--

CREATE SEQUENCE public.accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE public.accounts_id_seq OWNER TO app_owner;

ALTER SEQUENCE public.accounts_id_seq OWNED BY public.accounts.id;

ALTER TABLE ONLY public.accounts ALTER COLUMN id SET DEFAULT nextval('public.accounts_id_seq'::regclass);

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts own_rows; Type: POLICY; Schema: public; Owner: app_owner
--

CREATE POLICY own_rows ON public.accounts TO app_reader USING ((email = CURRENT_USER));

--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: app_owner
--

GRANT SELECT ON TABLE public.accounts TO app_reader;

--
-- PostgreSQL database dump complete
--

\unrestrict 9f3kQ2nLw8bXz7TgHc4VyR1sJ6mPdE0aKuYtNo5iWqLhGfZxCvBnMjSe2rDpA

