-- Bars and indicators, created fresh or upgraded in place from the original (Python) schema:
-- equity_data(id, ticker, timestamp, price DECIMAL(10,2), volume, created_at) and
-- indicators(id, ticker, timestamp, sma9 DECIMAL(10,2), vwap DECIMAL(10,2), created_at).
-- Every statement is safe to run against either shape; no row is deleted.

CREATE TABLE IF NOT EXISTS public.equity_data (
    id          bigserial PRIMARY KEY,
    ticker      text NOT NULL,
    "timestamp" timestamptz NOT NULL,
    open        numeric(18,6) NOT NULL,
    high        numeric(18,6) NOT NULL,
    low         numeric(18,6) NOT NULL,
    close       numeric(18,6) NOT NULL,
    price       numeric(18,6) NOT NULL,
    volume      bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS public.indicators (
    id          bigserial PRIMARY KEY,
    ticker      text NOT NULL,
    "timestamp" timestamptz NOT NULL,
    sma9        numeric(18,6),
    vwap        numeric(18,6),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Upgrade of the original schema: widen prices (DECIMAL(10,2) cut cents off sub-penny prints and
-- capped prices at 99,999,999.99), add OHLC (old rows only had a price: it was the close) and updated_at.
ALTER TABLE public.equity_data ALTER COLUMN price TYPE numeric(18,6);
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS open numeric(18,6);
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS high numeric(18,6);
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS low numeric(18,6);
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS close numeric(18,6);
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS updated_at timestamptz;
ALTER TABLE public.equity_data ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
UPDATE public.equity_data
   SET open = coalesce(open, price), high = coalesce(high, price), low = coalesce(low, price),
       close = coalesce(close, price), updated_at = coalesce(updated_at, created_at, now())
 WHERE open IS NULL OR high IS NULL OR low IS NULL OR close IS NULL OR updated_at IS NULL;
ALTER TABLE public.equity_data ALTER COLUMN updated_at SET DEFAULT now();
ALTER TABLE public.equity_data ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE public.equity_data ALTER COLUMN open SET NOT NULL;
ALTER TABLE public.equity_data ALTER COLUMN high SET NOT NULL;
ALTER TABLE public.equity_data ALTER COLUMN low SET NOT NULL;
ALTER TABLE public.equity_data ALTER COLUMN close SET NOT NULL;

ALTER TABLE public.indicators ALTER COLUMN sma9 TYPE numeric(18,6);
ALTER TABLE public.indicators ALTER COLUMN vwap TYPE numeric(18,6);
ALTER TABLE public.indicators ADD COLUMN IF NOT EXISTS updated_at timestamptz;
ALTER TABLE public.indicators ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
UPDATE public.indicators SET updated_at = coalesce(created_at, now()) WHERE updated_at IS NULL;
ALTER TABLE public.indicators ALTER COLUMN updated_at SET DEFAULT now();
ALTER TABLE public.indicators ALTER COLUMN updated_at SET NOT NULL;

-- ON CONFLICT (ticker, "timestamp") needs a unique index on exactly these columns. The original
-- schema had one under its own name; create ours only when no such index exists.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['equity_data', 'indicators'] LOOP
        IF NOT EXISTS (
            SELECT 1
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relname = t AND i.indisunique AND i.indpred IS NULL
               AND i.indnkeyatts = 2
               AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
                      FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) = ARRAY['ticker', 'timestamp']
        ) THEN
            EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I UNIQUE (ticker, "timestamp")', t, t || '_ticker_timestamp_key');
        END IF;
    END LOOP;
END
$$;
