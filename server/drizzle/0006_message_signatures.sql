CREATE TABLE "message_signatures" (
	"workspace_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"signature" integer[] NOT NULL,
	CONSTRAINT "message_signatures_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "message_fingerprints" DROP COLUMN "signature";