CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limits_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
ALTER TABLE "rate_limits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "rate_limits_staff_only" ON "rate_limits" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));