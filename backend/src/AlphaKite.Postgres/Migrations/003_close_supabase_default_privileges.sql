-- Supabase's default privileges grant ALL on every new table, sequence and function in public to
-- anon and authenticated. 002 took back the writes on the two data tables only, so anon could still
-- TRUNCATE or DELETE alphakite_schema_migrations and setval the id sequences (after which the
-- writer's upsert fails with a duplicate key). Close every object AlphaKite has created; dashboards
-- keep SELECT on the two data tables, with row-level security on top. Only our objects are touched:
-- the project's own tables in public keep whatever it granted.
DO $$
DECLARE
    t regclass;
    s regclass;
    f regprocedure;
BEGIN
    FOREACH t IN ARRAY ARRAY['public.equity_data', 'public.indicators', 'public.alphakite_schema_migrations']::regclass[] LOOP
        EXECUTE format('REVOKE ALL ON TABLE %s FROM anon, authenticated', t);
        -- The sequences the table owns: bigserial ids (ours, or the original schema's).
        FOR s IN
            SELECT d.objid::regclass
              FROM pg_depend d
              JOIN pg_class c ON c.oid = d.objid
             WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
               AND d.refobjid = t AND d.deptype IN ('a', 'i') AND c.relkind = 'S'
        LOOP
            EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM anon, authenticated', s);
        END LOOP;
    END LOOP;

    -- AlphaKite's functions (none so far) are named alphakite_*; EXECUTE is PUBLIC's by default.
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'alphakite\_%' LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon, authenticated', f);
    END LOOP;
END
$$;

GRANT SELECT ON public.equity_data, public.indicators TO anon, authenticated;
