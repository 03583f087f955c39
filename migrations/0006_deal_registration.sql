-- trigram matching of customer names (deal conflicts); the indexes below need it
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "deal_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deal_attachments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deal_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"with_deal_id" uuid,
	"house_account_id" uuid,
	"matched_on" text NOT NULL,
	"similarity" real NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_conflicts_matched_check" CHECK ("deal_conflicts"."matched_on" in ('domain','name'))
);
--> statement-breakpoint
ALTER TABLE "deal_conflicts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deal_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"actor_label" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deal_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deal_policy" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name_similarity" real DEFAULT 0.6 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_policy_single_row" CHECK ("deal_policy"."id" = 1),
	CONSTRAINT "deal_policy_similarity_check" CHECK ("deal_policy"."name_similarity" >= 0.1 and "deal_policy"."name_similarity" <= 1)
);
--> statement-breakpoint
ALTER TABLE "deal_policy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deal_settings" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"approval_sla_days" integer DEFAULT 2 NOT NULL,
	"protection_days" integer DEFAULT 60 NOT NULL,
	"extension_days" integer DEFAULT 30 NOT NULL,
	"auto_approve" boolean DEFAULT false NOT NULL,
	"auto_approve_below" bigint,
	"auto_approve_attributions" text[] DEFAULT '{sourced,influenced}'::text[] NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_settings_sla_check" CHECK ("deal_settings"."approval_sla_days" between 1 and 30),
	CONSTRAINT "deal_settings_protection_check" CHECK ("deal_settings"."protection_days" between 0 and 365),
	CONSTRAINT "deal_settings_extension_check" CHECK ("deal_settings"."extension_days" between 0 and 365),
	CONSTRAINT "deal_settings_below_check" CHECK ("deal_settings"."auto_approve_below" is null or "deal_settings"."auto_approve_below" > 0)
);
--> statement-breakpoint
ALTER TABLE "deal_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "deals_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"customer_name" text NOT NULL,
	"customer_name_key" text NOT NULL,
	"customer_domain" text,
	"customer_country" text,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_title" text DEFAULT '' NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"amount" bigint,
	"currency" text NOT NULL,
	"expected_close_date" date,
	"attribution" text DEFAULT 'sourced' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"owner_user_id" uuid,
	"cam_user_id" uuid,
	"tier_id" uuid,
	"submitted_at" timestamp (3) with time zone,
	"sla_due_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decided_by" text,
	"decision_reason" text,
	"protection_days" integer,
	"protected_until" timestamp (3) with time zone,
	"expiry_warned_at" timestamp (3) with time zone,
	"extension_status" text DEFAULT 'none' NOT NULL,
	"extension_reason" text,
	"extension_requested_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"won_amount" bigint,
	"close_date" date,
	"lost_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_status_check" CHECK ("deals"."status" in ('draft','submitted','conflict','approved','protected','rejected','withdrawn','expired','won','lost')),
	CONSTRAINT "deals_attribution_check" CHECK ("deals"."attribution" in ('sourced','influenced')),
	CONSTRAINT "deals_extension_check" CHECK ("deals"."extension_status" in ('none','requested','granted','refused')),
	CONSTRAINT "deals_amount_check" CHECK ("deals"."amount" is null or "deals"."amount" >= 0),
	CONSTRAINT "deals_won_amount_check" CHECK ("deals"."won_amount" is null or "deals"."won_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "deals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "house_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"domain" text,
	"country" text,
	"owner" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "house_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deal_attachments" ADD CONSTRAINT "deal_attachments_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_attachments" ADD CONSTRAINT "deal_attachments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_with_deal_id_deals_id_fk" FOREIGN KEY ("with_deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_house_account_id_house_accounts_id_fk" FOREIGN KEY ("house_account_id") REFERENCES "public"."house_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_settings" ADD CONSTRAINT "deal_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_tier_id_program_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_attachments_deal_idx" ON "deal_attachments" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_conflicts_deal_idx" ON "deal_conflicts" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_conflicts_with_idx" ON "deal_conflicts" USING btree ("with_deal_id");--> statement-breakpoint
CREATE INDEX "deal_events_deal_idx" ON "deal_events" USING btree ("deal_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_number_idx" ON "deals" USING btree ("number");--> statement-breakpoint
CREATE INDEX "deals_partner_idx" ON "deals" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_program_idx" ON "deals" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_queue_idx" ON "deals" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "deals_cam_idx" ON "deals" USING btree ("cam_user_id","status");--> statement-breakpoint
CREATE INDEX "deals_protection_idx" ON "deals" USING btree ("protected_until") WHERE status = 'protected';--> statement-breakpoint
CREATE INDEX "deals_active_domain_idx" ON "deals" USING btree ("customer_domain") WHERE status in ('submitted', 'approved', 'protected');--> statement-breakpoint
CREATE INDEX "deals_active_name_idx" ON "deals" USING gin ("customer_name_key" gin_trgm_ops) WITH (fastupdate=false) WHERE status in ('submitted', 'approved', 'protected');--> statement-breakpoint
CREATE UNIQUE INDEX "house_accounts_domain_idx" ON "house_accounts" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "house_accounts_name_idx" ON "house_accounts" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE POLICY "deal_attachments_partner_isolation" ON "deal_attachments" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "deal_attachments"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "deal_attachments"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "deal_conflicts_staff_only" ON "deal_conflicts" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "deal_conflicts_partner_append" ON "deal_conflicts" AS PERMISSIVE FOR INSERT TO "trellis_app" WITH CHECK (trellis_scope() = 'partner');--> statement-breakpoint
CREATE POLICY "deal_events_partner_isolation" ON "deal_events" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "deal_events"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "deal_events"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "deal_policy_staff_only" ON "deal_policy" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "deal_settings_staff_only" ON "deal_settings" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "deal_settings_partner_read" ON "deal_settings" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "deal_settings"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "deals_partner_isolation" ON "deals" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "deals"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "deals"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "house_accounts_staff_only" ON "house_accounts" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
INSERT INTO "deal_policy" ("id") VALUES (1) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The conflict check. A partner's transaction sees only its own registrations and no house accounts, yet must
-- learn whether anyone holds the customer: this function looks at all of them and answers only ids (the service
-- never shows a partner who). Active registrations only, on partial indexes; the caller serializes writers.
CREATE OR REPLACE FUNCTION trellis_deal_matches(p_domain text, p_name_key text, p_exclude uuid)
RETURNS TABLE (deal_id uuid, house_account_id uuid, matched_on text, name_similarity real, held_since timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  threshold real;
BEGIN
  SELECT p.name_similarity INTO threshold FROM deal_policy p WHERE p.id = 1;
  PERFORM set_config('pg_trgm.similarity_threshold', coalesce(threshold, 0.6)::text, true);
  RETURN QUERY
    SELECT DISTINCT ON (coalesce(m.deal_id, m.house_account_id)) m.*
    FROM (
      SELECT d.id AS deal_id, NULL::uuid AS house_account_id, 'domain'::text AS matched_on,
             similarity(d.customer_name_key, p_name_key) AS name_similarity, d.submitted_at AS held_since
        FROM deals d
       WHERE d.status IN ('submitted', 'approved', 'protected') AND d.customer_domain = p_domain
         AND d.id IS DISTINCT FROM p_exclude
      UNION ALL
      SELECT d.id, NULL::uuid, 'name', similarity(d.customer_name_key, p_name_key), d.submitted_at
        FROM deals d
       WHERE d.status IN ('submitted', 'approved', 'protected') AND d.customer_name_key % p_name_key
         AND d.id IS DISTINCT FROM p_exclude
      UNION ALL
      SELECT NULL::uuid, h.id, 'domain', similarity(h.name_key, p_name_key), h.created_at
        FROM house_accounts h WHERE h.domain = p_domain
      UNION ALL
      SELECT NULL::uuid, h.id, 'name', similarity(h.name_key, p_name_key), h.created_at
        FROM house_accounts h WHERE h.name_key % p_name_key
    ) m
    ORDER BY coalesce(m.deal_id, m.house_account_id), m.matched_on;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION trellis_deal_matches(text, text, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION trellis_deal_matches(text, text, uuid) TO trellis_app;
