CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"tier_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_status_check" CHECK ("enrollments"."status" in ('active'))
);
--> statement-breakpoint
ALTER TABLE "enrollments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tier_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"from_tier_id" uuid,
	"to_tier_id" uuid,
	"reason" text NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tier_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "benefit_values" (
	"program_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"benefit_id" uuid NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_values_tier_id_benefit_id_pk" PRIMARY KEY("tier_id","benefit_id")
);
--> statement-breakpoint
ALTER TABLE "benefit_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"value_type" text NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ecosystem_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"node_type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ecosystem_nodes_type_check" CHECK ("ecosystem_nodes"."node_type" in ('integration_partner', 'partner_revenue_share', 'api_ecosystem', 'developer_portal'))
);
--> statement-breakpoint
ALTER TABLE "ecosystem_nodes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_benefits" (
	"program_id" uuid NOT NULL,
	"benefit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "program_benefits_program_id_benefit_id_pk" PRIMARY KEY("program_id","benefit_id")
);
--> statement-breakpoint
ALTER TABLE "program_benefits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_products" (
	"program_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "program_products_program_id_product_id_pk" PRIMARY KEY("program_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "program_products" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_status_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"invitation_only" boolean DEFAULT false NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_tiers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"program_type" text NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'planning' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"revenue_seasoning_days" integer DEFAULT 0 NOT NULL,
	"demotion_grace_days" integer DEFAULT 90 NOT NULL,
	"policies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_currency_check" CHECK ("programs"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "programs_days_check" CHECK ("programs"."revenue_seasoning_days" >= 0 and "programs"."demotion_grace_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "programs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tier_badges" (
	"tier_id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tier_badges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_tier_id_program_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_values" ADD CONSTRAINT "benefit_values_tier_id_program_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_values" ADD CONSTRAINT "benefit_values_program_id_benefit_id_program_benefits_program_id_benefit_id_fk" FOREIGN KEY ("program_id","benefit_id") REFERENCES "public"."program_benefits"("program_id","benefit_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem_nodes" ADD CONSTRAINT "ecosystem_nodes_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_benefits" ADD CONSTRAINT "program_benefits_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_benefits" ADD CONSTRAINT "program_benefits_benefit_id_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."benefits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_products" ADD CONSTRAINT "program_products_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_products" ADD CONSTRAINT "program_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_status_changes" ADD CONSTRAINT "program_status_changes_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tiers" ADD CONSTRAINT "program_tiers_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_badges" ADD CONSTRAINT "tier_badges_tier_id_program_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_badges" ADD CONSTRAINT "tier_badges_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_partner_program_idx" ON "enrollments" USING btree ("partner_id","program_id");--> statement-breakpoint
CREATE INDEX "enrollments_program_idx" ON "enrollments" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "enrollments_tier_idx" ON "enrollments" USING btree ("tier_id");--> statement-breakpoint
CREATE INDEX "tier_changes_enrollment_idx" ON "tier_changes" USING btree ("enrollment_id","at");--> statement-breakpoint
CREATE INDEX "benefit_values_program_idx" ON "benefit_values" USING btree ("program_id","benefit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "benefits_key_idx" ON "benefits" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "benefits_name_idx" ON "benefits" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "ecosystem_nodes_title_idx" ON "ecosystem_nodes" USING btree ("program_id","node_type",lower("title"));--> statement-breakpoint
CREATE INDEX "program_benefits_benefit_idx" ON "program_benefits" USING btree ("benefit_id");--> statement-breakpoint
CREATE INDEX "program_products_product_idx" ON "program_products" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "program_status_changes_program_idx" ON "program_status_changes" USING btree ("program_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tiers_key_idx" ON "program_tiers" USING btree ("program_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tiers_rank_idx" ON "program_tiers" USING btree ("program_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tiers_name_idx" ON "program_tiers" USING btree ("program_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "programs_key_idx" ON "programs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "programs_updated_idx" ON "programs" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "programs_name_idx" ON "programs" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "programs_status_idx" ON "programs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "programs_tags_idx" ON "programs" USING gin ("tags");--> statement-breakpoint
CREATE POLICY "enrollments_partner_isolation" ON "enrollments" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "enrollments"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "enrollments"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "tier_changes_partner_isolation" ON "tier_changes" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "tier_changes"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "tier_changes"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "benefit_values_staff_only" ON "benefit_values" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "benefit_values_partner_read" ON "benefit_values" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "benefit_values"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "benefits_staff_only" ON "benefits" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "benefits_partner_read" ON "benefits" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from program_benefits pb where pb.benefit_id = "benefits"."id")));--> statement-breakpoint
CREATE POLICY "ecosystem_nodes_staff_only" ON "ecosystem_nodes" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "program_benefits_staff_only" ON "program_benefits" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "program_benefits_partner_read" ON "program_benefits" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "program_benefits"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "program_products_staff_only" ON "program_products" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "program_products_partner_read" ON "program_products" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "program_products"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "program_status_changes_staff_only" ON "program_status_changes" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "program_tiers_staff_only" ON "program_tiers" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "program_tiers_partner_read" ON "program_tiers" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "program_tiers"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "programs_staff_only" ON "programs" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "programs_partner_read" ON "programs" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and ("programs"."status" in ('active', 'paused') and "programs"."archived_at" is null));--> statement-breakpoint
CREATE POLICY "tier_badges_staff_only" ON "tier_badges" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "tier_badges_partner_read" ON "tier_badges" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "tier_badges"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));