--
-- PostgreSQL database dump
--

\restrict Zx81LkQw7Ep3RtYu5IoP2aSd9FgH4jKl6ZcVb0NmQ1WeRtYu8IoPaSdFgHjK

-- Dumped from database version 15.18
-- Dumped by pg_dump version 15.18 (from the migrations database)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

--
-- Name: order_status; Type: TYPE; Schema: public; Owner: shop
--

CREATE TYPE public.order_status AS ENUM (
    'pending',
    'paid',
    'cancelled',
    'shipped'
);


ALTER TYPE public.order_status OWNER TO shop;

--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: shop
--

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;


ALTER FUNCTION public.touch_updated_at() OWNER TO shop;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    display_name character varying(120),
    CONSTRAINT customers_email_check CHECK ((position('@' in email) > 1))
);


ALTER TABLE public.customers OWNER TO shop;

COMMENT ON TABLE public.customers IS 'People who can place orders.';

--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: shop
--

CREATE SEQUENCE public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customers_id_seq OWNER TO shop;

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    status public.order_status DEFAULT 'pending'::public.order_status NOT NULL,
    total numeric(10,2) DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone,
    note text,
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
);


ALTER TABLE public.orders OWNER TO shop;

CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.orders_id_seq OWNER TO shop;

ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;

--
-- Name: paid_orders; Type: VIEW; Schema: public; Owner: shop
--

CREATE VIEW public.paid_orders AS
 SELECT orders.id,
    orders.customer_id,
    orders.total
   FROM public.orders
  WHERE (orders.status = 'paid'::public.order_status);


ALTER TABLE public.paid_orders OWNER TO shop;

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);

ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

GRANT INSERT, SELECT ON TABLE public.orders TO reporting;

--
-- PostgreSQL database dump complete
--

\unrestrict Zx81LkQw7Ep3RtYu5IoP2aSd9FgH4jKl6ZcVb0NmQ1WeRtYu8IoPaSdFgHjK

