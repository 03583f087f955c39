CREATE TABLE "mail_templates" (
	"key" text PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agreement_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"user_email" text NOT NULL,
	"ip_address" text NOT NULL,
	"user_agent" text NOT NULL,
	"sha256" text NOT NULL,
	"accepted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sha256" text,
	"accept_within_days" integer DEFAULT 30 NOT NULL,
	"published_at" timestamp (3) with time zone,
	"reaccept_by" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_days_check" CHECK ("agreements"."accept_within_days" between 1 and 365),
	CONSTRAINT "agreements_published_check" CHECK (("agreements"."published_at" is null) = ("agreements"."sha256" is null))
);
--> statement-breakpoint
ALTER TABLE "agreements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "application_forms" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pass_score" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_forms_score_check" CHECK ("application_forms"."pass_score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "application_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"website" text NOT NULL,
	"domain" text NOT NULL,
	"country" text NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"partner_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"company_size" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"score" integer NOT NULL,
	"eligible" boolean NOT NULL,
	"eligibility" jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"duplicate_of_id" uuid,
	"matched_partner_id" uuid,
	"partner_id" uuid,
	"review_reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone,
	"ip_address" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('received','approved','rejected'))
);
--> statement-breakpoint
ALTER TABLE "applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enrollment_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrollment_status_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "onboarding_plans" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"days" integer DEFAULT 90 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_plans_days_check" CHECK ("onboarding_plans"."days" between 1 and 730)
);
--> statement-breakpoint
ALTER TABLE "onboarding_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "onboarding_progress" (
	"enrollment_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"done_by" text NOT NULL,
	"done_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_progress_enrollment_id_step_id_pk" PRIMARY KEY("enrollment_id","step_id")
);
--> statement-breakpoint
ALTER TABLE "onboarding_progress" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "onboarding_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"event" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "onboarding_steps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "onboardings" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"overdue_notified_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "onboardings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_status_check";--> statement-breakpoint
ALTER TABLE "enrollments" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "cam_user_id" uuid;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "start_date" date;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "renewal_date" date;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "submitted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "approved_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "activated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "first_deal_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ADD CONSTRAINT "agreement_acceptances_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ADD CONSTRAINT "agreement_acceptances_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ADD CONSTRAINT "agreement_acceptances_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_acceptances" ADD CONSTRAINT "agreement_acceptances_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_forms" ADD CONSTRAINT "application_forms_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_matched_partner_id_partners_id_fk" FOREIGN KEY ("matched_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_status_changes" ADD CONSTRAINT "enrollment_status_changes_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_status_changes" ADD CONSTRAINT "enrollment_status_changes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_plans" ADD CONSTRAINT "onboarding_plans_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_progress" ADD CONSTRAINT "onboarding_progress_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_progress" ADD CONSTRAINT "onboarding_progress_step_id_onboarding_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."onboarding_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_progress" ADD CONSTRAINT "onboarding_progress_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_steps" ADD CONSTRAINT "onboarding_steps_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_acceptances_enrollment_idx" ON "agreement_acceptances" USING btree ("enrollment_id","accepted_at");--> statement-breakpoint
CREATE INDEX "agreement_acceptances_agreement_idx" ON "agreement_acceptances" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_acceptances_once_idx" ON "agreement_acceptances" USING btree ("agreement_id","enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_program_version_idx" ON "agreements" USING btree ("program_id","version");--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "applications_domain_idx" ON "applications" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "applications_program_idx" ON "applications" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_ip_idx" ON "applications" USING btree ("ip_address","created_at");--> statement-breakpoint
CREATE INDEX "enrollment_status_changes_enrollment_idx" ON "enrollment_status_changes" USING btree ("enrollment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "onboarding_steps_key_idx" ON "onboarding_steps" USING btree ("program_id","key");--> statement-breakpoint
CREATE INDEX "onboarding_steps_program_idx" ON "onboarding_steps" USING btree ("program_id","position");--> statement-breakpoint
CREATE INDEX "onboardings_due_idx" ON "onboardings" USING btree ("completed_at","due_at");--> statement-breakpoint
CREATE INDEX "enrollments_status_idx" ON "enrollments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "enrollments_cam_idx" ON "enrollments" USING btree ("cam_user_id");--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_dates_check" CHECK ("enrollments"."renewal_date" is null or "enrollments"."start_date" is null or "enrollments"."renewal_date" >= "enrollments"."start_date");--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_status_check" CHECK ("enrollments"."status" in ('draft','submitted','approved','active','rejected','suspended','terminated'));--> statement-breakpoint
CREATE POLICY "mail_templates_staff_only" ON "mail_templates" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "mail_templates_partner_read" ON "mail_templates" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (true));--> statement-breakpoint
CREATE POLICY "agreement_acceptances_partner_isolation" ON "agreement_acceptances" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "agreement_acceptances"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "agreement_acceptances"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "agreements_staff_only" ON "agreements" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "agreements_partner_read" ON "agreements" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and ("agreements"."published_at" is not null and exists (select 1 from programs p where p.id = "agreements"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "application_forms_staff_only" ON "application_forms" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "applications_staff_only" ON "applications" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "enrollment_status_changes_partner_isolation" ON "enrollment_status_changes" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "enrollment_status_changes"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "enrollment_status_changes"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "onboarding_plans_staff_only" ON "onboarding_plans" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "onboarding_plans_partner_read" ON "onboarding_plans" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "onboarding_plans"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "onboarding_progress_partner_isolation" ON "onboarding_progress" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "onboarding_progress"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "onboarding_progress"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "onboarding_steps_staff_only" ON "onboarding_steps" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "onboarding_steps_partner_read" ON "onboarding_steps" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and (exists (select 1 from programs p where p.id = "onboarding_steps"."program_id" and p.status in ('active', 'paused') and p.archived_at is null)));--> statement-breakpoint
CREATE POLICY "onboardings_partner_isolation" ON "onboardings" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "onboardings"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "onboardings"."partner_id" = trellis_partner_id());--> statement-breakpoint
-- An acceptance is evidence: the application may record and read it, never change or remove it.
REVOKE UPDATE, DELETE, TRUNCATE ON "agreement_acceptances" FROM trellis_app;--> statement-breakpoint
-- Enrollments made before the lifecycle existed were placed active by the vendor: give them their dates.
UPDATE "enrollments" SET "approved_at" = "created_at", "activated_at" = "created_at", "start_date" = "created_at"::date WHERE "status" = 'active';
