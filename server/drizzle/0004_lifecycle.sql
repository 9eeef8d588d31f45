CREATE TABLE "client_lifecycle" (
	"workspace_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"prospect_id" uuid,
	"answers" jsonb,
	"fit_score" integer,
	"started_at" timestamp with time zone,
	"currency" text DEFAULT 'USD' NOT NULL,
	"revenue_minor" integer,
	"paid_amount_minor" integer,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"disputes" integer DEFAULT 0 NOT NULL,
	"late_payments" integer DEFAULT 0 NOT NULL,
	"referred_by_client_id" uuid,
	"referred_by_note" text,
	"exit_reason" text,
	"exited_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_lifecycle_workspace_id_client_id_pk" PRIMARY KEY("workspace_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "exits" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"export_zip" "bytea",
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "exits_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_snapshots" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"recommendation" text NOT NULL,
	"result" jsonb NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "health_snapshots_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"profile" jsonb,
	"health_weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_every_days" integer DEFAULT 7 NOT NULL,
	"last_review_at" timestamp with time zone,
	"refund_policy" jsonb,
	"templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prospects" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"company" text,
	"source" text NOT NULL,
	"answers" jsonb NOT NULL,
	"fit_score" integer NOT NULL,
	"fit_band" text NOT NULL,
	"recommendation" text NOT NULL,
	"fit" jsonb NOT NULL,
	"lookalike_score" integer,
	"lookalike" jsonb,
	"misfit" jsonb,
	"referred_by_client_id" uuid,
	"referred_by_text" text,
	"status" text DEFAULT 'new' NOT NULL,
	"client_id" uuid,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"letter_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prospects_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_providers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_providers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "refund_ledger" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"exit_id" uuid,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"method" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"computed_minor" integer,
	"rule" text,
	"override_reason" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refund_ledger_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "repairs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"client_id" uuid,
	"situation" text NOT NULL,
	"choice" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"call_at" timestamp with time zone,
	"message_id" uuid,
	"outcome" text,
	"outcome_note" text,
	"chosen_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome_at" timestamp with time zone,
	CONSTRAINT "repairs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"why" text NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"recommendation" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decision" text,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_items_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"client_id" uuid,
	"user_id" uuid,
	"source" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"minutes" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_entries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "client_lifecycle_referrer" ON "client_lifecycle" USING btree ("workspace_id","referred_by_client_id");--> statement-breakpoint
CREATE INDEX "exits_client" ON "exits" USING btree ("workspace_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exits_one_open" ON "exits" USING btree ("workspace_id","client_id") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "health_snapshots_client" ON "health_snapshots" USING btree ("workspace_id","client_id","computed_at");--> statement-breakpoint
CREATE INDEX "prospects_list" ON "prospects" USING btree ("workspace_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "referral_providers_name" ON "referral_providers" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "refund_ledger_client" ON "refund_ledger" USING btree ("workspace_id","client_id","recorded_at");--> statement-breakpoint
CREATE INDEX "repairs_request" ON "repairs" USING btree ("workspace_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "review_items_queue" ON "review_items" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_open" ON "review_items" USING btree ("workspace_id","client_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "time_entries_request" ON "time_entries" USING btree ("workspace_id","request_id","started_at");--> statement-breakpoint
CREATE INDEX "time_entries_client" ON "time_entries" USING btree ("workspace_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_entries_running" ON "time_entries" USING btree ("workspace_id","request_id","user_id") WHERE ended_at is null;