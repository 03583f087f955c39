CREATE INDEX "audit_log_partner_idx" ON "audit_log" USING btree ("partner_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "house_accounts_name_order_idx" ON "house_accounts" USING btree ("name","id");--> statement-breakpoint
-- The planner thinks a few hundred house accounts cheaper to scan than to look up, but comparing every name costs
-- about a millisecond a check where the trigram index answers in microseconds.
ALTER FUNCTION trellis_deal_matches(text, text, uuid) SET enable_seqscan = off;
