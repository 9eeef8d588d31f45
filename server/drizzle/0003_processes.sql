CREATE TABLE "agreement_acknowledgements" (
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"via" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_acknowledgements_workspace_id_agreement_id_version_contact_id_pk" PRIMARY KEY("workspace_id","agreement_id","version","contact_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_versions_workspace_id_agreement_id_version_pk" PRIMARY KEY("workspace_id","agreement_id","version")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"template_id" uuid,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"cadence" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"assignee_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkins_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid,
	"contact_id" uuid,
	"request_id" uuid,
	"message_id" uuid,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" uuid,
	"dismissed_by_name" text,
	"dismiss_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'reply' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"request_type_id" uuid,
	"boundary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_steps" (
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"done_by" uuid,
	"done_by_name" text,
	"done_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_steps_workspace_id_request_id_step_id_pk" PRIMARY KEY("workspace_id","request_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "request_types" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rules" jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sla_policy_id" uuid,
	"position" integer DEFAULT 100 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_types_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"calendar" jsonb NOT NULL,
	"target_minutes" integer NOT NULL,
	"warn_fraction" double precision DEFAULT 0.75 NOT NULL,
	"warn_before_minutes" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"used_minutes" double precision DEFAULT 0 NOT NULL,
	"running_since" timestamp with time zone,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"assignee_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_clocks_workspace_id_request_id_kind_pk" PRIMARY KEY("workspace_id","request_id","kind")
);
--> statement-breakpoint
CREATE TABLE "sla_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "sla_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"timezone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_response_minutes" jsonb NOT NULL,
	"resolution_minutes" jsonb,
	"warn_fraction" double precision DEFAULT 0.75 NOT NULL,
	"warn_before_minutes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "sla_state" text;--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_client" ON "agreements" USING btree ("workspace_id","client_id");--> statement-breakpoint
CREATE INDEX "checkins_client" ON "checkins" USING btree ("workspace_id","client_id");--> statement-breakpoint
CREATE INDEX "checkins_due" ON "checkins" USING btree ("active","next_run_at");--> statement-breakpoint
CREATE INDEX "incidents_client" ON "incidents" USING btree ("workspace_id","client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_request" ON "incidents" USING btree ("workspace_id","request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_message_type" ON "incidents" USING btree ("workspace_id","message_id","type") WHERE "incidents"."message_id" is not null;--> statement-breakpoint
CREATE INDEX "reply_templates_type" ON "reply_templates" USING btree ("workspace_id","request_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_types_key" ON "request_types" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "sla_clocks_due" ON "sla_clocks" USING btree ("workspace_id","status","due_at");--> statement-breakpoint
CREATE INDEX "sla_events_request" ON "sla_events" USING btree ("workspace_id","request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_default" ON "sla_policies" USING btree ("workspace_id") WHERE "sla_policies"."is_default";--> statement-breakpoint
CREATE INDEX "requests_sla_due" ON "requests" USING btree ("workspace_id","sla_due_at","id");