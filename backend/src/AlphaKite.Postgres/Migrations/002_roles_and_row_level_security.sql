-- Who may do what. Plain PostgreSQL has no Supabase roles, so create anon/authenticated when missing
-- (NOLOGIN: they exist only to carry grants and policies). The writer is a NOLOGIN group role: a login
-- user is made a member of it (docs/database.md). It is subject to RLS like anyone else and writes
-- only through the explicit policies below; it never gets BYPASSRLS.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        CREATE ROLE anon NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
        CREATE ROLE authenticated NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alphakite_writer') THEN
        CREATE ROLE alphakite_writer NOLOGIN NOBYPASSRLS;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO anon, authenticated, alphakite_writer;

-- Supabase grants ALL on new public tables to anon and authenticated by default. RLS stops row writes,
-- but not TRUNCATE, so take the write privileges back: dashboards only read.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON public.equity_data, public.indicators FROM anon, authenticated;
GRANT SELECT ON public.equity_data, public.indicators TO anon, authenticated;
GRANT SELECT, INSERT, UPDATE ON public.equity_data, public.indicators TO alphakite_writer;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['equity_data', 'indicators'] LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO alphakite_writer', pg_get_serial_sequence('public.' || t, 'id'));
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);

        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'alphakite_public_read') THEN
            EXECUTE format('CREATE POLICY alphakite_public_read ON public.%I FOR SELECT TO anon, authenticated USING (true)', t);
        END IF;
        -- INSERT ... ON CONFLICT DO UPDATE needs to see the existing row, hence the writer's SELECT policy.
        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'alphakite_writer_select') THEN
            EXECUTE format('CREATE POLICY alphakite_writer_select ON public.%I FOR SELECT TO alphakite_writer USING (true)', t);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'alphakite_writer_insert') THEN
            EXECUTE format('CREATE POLICY alphakite_writer_insert ON public.%I FOR INSERT TO alphakite_writer WITH CHECK (true)', t);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t AND policyname = 'alphakite_writer_update') THEN
            EXECUTE format('CREATE POLICY alphakite_writer_update ON public.%I FOR UPDATE TO alphakite_writer USING (true) WITH CHECK (true)', t);
        END IF;
    END LOOP;
END
$$;
