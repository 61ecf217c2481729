CREATE TABLE "agent_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'away' NOT NULL,
	"max_open" integer DEFAULT 5 NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_profiles_status_check" CHECK ("agent_profiles"."status" in ('online', 'away', 'offline'))
);
--> statement-breakpoint
CREATE TABLE "canned_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csat_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"agent_id" uuid,
	"score" integer,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "csat_responses_score_check" CHECK ("csat_responses"."score" is null or "csat_responses"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "handoff_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"bot_id" text NOT NULL,
	"reason" text NOT NULL,
	"priority" integer NOT NULL,
	"priority_label" text DEFAULT 'normal' NOT NULL,
	"language" text,
	"channel" text NOT NULL,
	"skill" text,
	"lead_score" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	"assigned_agent_id" uuid,
	"sla_due_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"wait_alerted_at" timestamp with time zone,
	"requeue_count" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoff_requests_status_check" CHECK ("handoff_requests"."status" in ('waiting', 'assigned', 'done')),
	CONSTRAINT "handoff_requests_assigned_has_agent" CHECK ("handoff_requests"."status" <> 'assigned' or "handoff_requests"."assigned_agent_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "inbox_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_read_markers" (
	"user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"last_read_message_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_read_markers_user_id_conversation_id_pk" PRIMARY KEY("user_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD CONSTRAINT "agent_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_replies" ADD CONSTRAINT "canned_replies_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_replies" ADD CONSTRAINT "canned_replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_requests" ADD CONSTRAINT "handoff_requests_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_requests" ADD CONSTRAINT "handoff_requests_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_read_markers" ADD CONSTRAINT "inbox_read_markers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_read_markers" ADD CONSTRAINT "inbox_read_markers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "canned_replies_lookup_idx" ON "canned_replies" USING btree ("bot_id","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "csat_responses_conversation_unique" ON "csat_responses" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "csat_responses_contact_idx" ON "csat_responses" USING btree ("contact_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "handoff_requests_open_unique" ON "handoff_requests" USING btree ("conversation_id") WHERE "handoff_requests"."status" in ('waiting', 'assigned');--> statement-breakpoint
CREATE INDEX "handoff_requests_waiting_idx" ON "handoff_requests" USING btree ("priority" DESC NULLS LAST,"requested_at","id") WHERE "handoff_requests"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "handoff_requests_waiting_language_idx" ON "handoff_requests" USING btree ("language","priority" DESC NULLS LAST,"requested_at") WHERE "handoff_requests"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "handoff_requests_agent_idx" ON "handoff_requests" USING btree ("assigned_agent_id") WHERE "handoff_requests"."status" = 'assigned';--> statement-breakpoint
CREATE INDEX "handoff_requests_sla_idx" ON "handoff_requests" USING btree ("sla_due_at") WHERE "handoff_requests"."status" = 'assigned' and "handoff_requests"."first_response_at" is null;--> statement-breakpoint
CREATE INDEX "handoff_requests_conversation_idx" ON "handoff_requests" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_notes_conversation_idx" ON "inbox_notes" USING btree ("conversation_id","id");