CREATE TABLE "partner_logos" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_logos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partner_notes" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "legal_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "website" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "domain" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "regions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "partner_types" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "industries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "company_size" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "cam_user_id" uuid;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_logos" ADD CONSTRAINT "partner_logos_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_notes" ADD CONSTRAINT "partner_notes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partners_domain_idx" ON "partners" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "partners_country_idx" ON "partners" USING btree ("country");--> statement-breakpoint
CREATE INDEX "partners_status_idx" ON "partners" USING btree ("status");--> statement-breakpoint
CREATE INDEX "partners_cam_idx" ON "partners" USING btree ("cam_user_id");--> statement-breakpoint
CREATE INDEX "partners_regions_idx" ON "partners" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "partners_types_idx" ON "partners" USING gin ("partner_types");--> statement-breakpoint
CREATE INDEX "partners_industries_idx" ON "partners" USING gin ("industries");--> statement-breakpoint
CREATE INDEX "partners_tags_idx" ON "partners" USING gin ("tags");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_country_check" CHECK ("partners"."country" ~ '^[A-Z]{2}$');--> statement-breakpoint
CREATE POLICY "partner_logos_partner_isolation" ON "partner_logos" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "partner_logos"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "partner_logos"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "partner_notes_staff_only" ON "partner_notes" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));