CREATE TABLE "catalogue" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"response_url" text NOT NULL,
	"command_text" text NOT NULL,
	"owner" text NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"lease_until_ms" bigint NOT NULL,
	"holds" integer NOT NULL,
	"finished_at_ms" bigint
);
--> statement-breakpoint
CREATE TABLE "snapshot_documents" (
	"snapshot_id" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"body_gzip" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_models" (
	"snapshot_id" text PRIMARY KEY NOT NULL,
	"model_gzip" "bytea" NOT NULL,
	"schema_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_names" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "snapshot_names_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"snapshot_id" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "snapshots_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"name" text NOT NULL,
	"profile" text NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"summary_json" text NOT NULL,
	"document_bytes" integer NOT NULL,
	"model_bytes" integer NOT NULL,
	CONSTRAINT "snapshots_id_unique" UNIQUE("id"),
	CONSTRAINT "snapshots_content_hash_unique" UNIQUE("content_hash")
);
--> statement-breakpoint
ALTER TABLE "snapshot_documents" ADD CONSTRAINT "snapshot_documents_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_models" ADD CONSTRAINT "snapshot_models_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_names" ADD CONSTRAINT "snapshot_names_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slack_deliveries_created" ON "slack_deliveries" USING btree ("created_at_ms");--> statement-breakpoint
CREATE UNIQUE INDEX "snapshot_names_snapshot_name" ON "snapshot_names" USING btree ("snapshot_id","name");--> statement-breakpoint
CREATE INDEX "snapshot_names_name_seq" ON "snapshot_names" USING btree ("name","seq");--> statement-breakpoint
CREATE INDEX "snapshots_name_seq" ON "snapshots" USING btree ("name","seq");--> statement-breakpoint
-- Hand-added: the catalogue's one row. The foreign keys above name no schema (drizzle-kit writes "public"),
-- so the tables can live in the schema DATABASE_URL's search_path selects.
INSERT INTO "catalogue" ("id", "version") VALUES (1, 0);
