CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"partner_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"partner_id" uuid,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_pk" PRIMARY KEY("caller","key")
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"dedupe_key" text,
	"run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"job_kind" text NOT NULL,
	"every_seconds" integer NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"last_run_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "schedules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"template" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"partner_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "api_keys_role_check" CHECK ((partner_id is null and role in ('admin','channel_manager','finance','marketing','viewer'))
  or (partner_id is not null and role in ('partner_admin','partner_member')))
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"partner_id" uuid,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "invitations_role_check" CHECK ((partner_id is null and role in ('admin','channel_manager','finance','marketing','viewer'))
  or (partner_id is not null and role in ('partner_admin','partner_member')))
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "password_resets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"csrf_token" text NOT NULL,
	"user_id" uuid NOT NULL,
	"partner_id" uuid,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "setup_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "setup_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"partner_id" uuid,
	"password_hash" text,
	"disabled_at" timestamp (3) with time zone,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ((partner_id is null and role in ('admin','channel_manager','finance','marketing','viewer'))
  or (partner_id is not null and role in ('partner_admin','partner_member')))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_status_check" CHECK ("partners"."status" in ('prospect','onboarding','active','inactive','churned'))
);
--> statement-breakpoint
ALTER TABLE "partners" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "products" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type","object_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idempotency_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("locked_until") WHERE "jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_events" USING btree ("id") WHERE "outbox_events"."dispatched_at" is null;--> statement-breakpoint
CREATE INDEX "mail_created_idx" ON "mail_messages" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_key" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_partner_idx" ON "invitations" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "invitations_created_idx" ON "invitations" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_key" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_partner_idx" ON "users" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "partners_name_idx" ON "partners" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "partners_created_idx" ON "partners" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "products_updated_idx" ON "products" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "products_title_idx" ON "products" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "products_tags_idx" ON "products" USING gin ("tags");--> statement-breakpoint
CREATE POLICY "audit_log_partner_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "audit_log"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "audit_log"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "idempotency_keys_partner_isolation" ON "idempotency_keys" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "idempotency_keys"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "idempotency_keys"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "jobs_staff_only" ON "jobs" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "jobs_partner_append" ON "jobs" AS PERMISSIVE FOR INSERT TO "trellis_app" WITH CHECK (trellis_scope() = 'partner');--> statement-breakpoint
CREATE POLICY "outbox_events_staff_only" ON "outbox_events" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "outbox_events_partner_append" ON "outbox_events" AS PERMISSIVE FOR INSERT TO "trellis_app" WITH CHECK (trellis_scope() = 'partner');--> statement-breakpoint
CREATE POLICY "schedules_staff_only" ON "schedules" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "mail_messages_staff_only" ON "mail_messages" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "mail_messages_partner_append" ON "mail_messages" AS PERMISSIVE FOR INSERT TO "trellis_app" WITH CHECK (trellis_scope() = 'partner');--> statement-breakpoint
CREATE POLICY "api_keys_partner_isolation" ON "api_keys" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "api_keys"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "api_keys"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "invitations_partner_isolation" ON "invitations" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "invitations"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "invitations"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "login_attempts_staff_only" ON "login_attempts" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "password_resets_staff_only" ON "password_resets" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "sessions_partner_isolation" ON "sessions" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "sessions"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "sessions"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "setup_tokens_staff_only" ON "setup_tokens" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "users_partner_isolation" ON "users" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "users"."partner_id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "users"."partner_id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "partners_partner_isolation" ON "partners" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system') or "partners"."id" = trellis_partner_id()) WITH CHECK (trellis_scope() in ('vendor', 'system') or "partners"."id" = trellis_partner_id());--> statement-breakpoint
CREATE POLICY "products_staff_only" ON "products" AS PERMISSIVE FOR ALL TO "trellis_app" USING (trellis_scope() in ('vendor', 'system')) WITH CHECK (trellis_scope() in ('vendor', 'system'));--> statement-breakpoint
CREATE POLICY "products_partner_read" ON "products" AS PERMISSIVE FOR SELECT TO "trellis_app" USING (trellis_scope() = 'partner' and ("products"."archived_at" is null));