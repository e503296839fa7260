\restrict abc
SET client_encoding = 'UTF8';
\connect app
CREATE TABLE "Foo" ("Id" int, e text DEFAULT E'\'');
\unrestrict abc
