CREATE TABLE "intent_misses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bot_id" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" bigint NOT NULL,
	"flow_id" text NOT NULL,
	"block_id" text NOT NULL,
	"reason" text NOT NULL,
	"language" text,
	"guesses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chosen" text,
	"status" text DEFAULT 'new' NOT NULL,
	"intent" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intent_misses" ADD CONSTRAINT "intent_misses_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intent_misses" ADD CONSTRAINT "intent_misses_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intent_misses" ADD CONSTRAINT "intent_misses_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intent_misses" ADD CONSTRAINT "intent_misses_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "intent_misses_message_unique" ON "intent_misses" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "intent_misses_review_idx" ON "intent_misses" USING btree ("bot_id","status","id");