import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversation core's schema. Every table carries tenant_id and references its parents with (tenant_id, id), so a
 * row can never point into another tenant. Constraints guard what code must never break: one consent row per
 * (business number, contact), unique provider ids, unique client ids per sender, at most 10 active members, one open
 * rejoin request per member, append-only evidence and event logs.
 */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION bl_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  aad_tenant_id text UNIQUE,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  email text NOT NULL,
  display_name text NOT NULL,
  aad_object_id text,
  region text NOT NULL CHECK (region IN ('us', 'eu', 'uk', 'apac')),
  enabled boolean NOT NULL DEFAULT false,
  is_admin boolean NOT NULL DEFAULT false,
  sms_number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX members_email_key ON members (tenant_id, lower(email));
CREATE UNIQUE INDEX members_aad_key ON members (tenant_id, aad_object_id) WHERE aad_object_id IS NOT NULL;

CREATE TABLE business_numbers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  channel text NOT NULL CHECK (channel IN ('whatsapp', 'sms')),
  provider_number_id text NOT NULL,
  display_phone text NOT NULL,
  waba_id text,
  region text NOT NULL CHECK (region IN ('us', 'eu', 'uk', 'apac')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (channel, provider_number_id)
);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  display_name text,
  phone_e164 text CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
  wa_id text,
  bsuid text,
  username text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK (phone_e164 IS NOT NULL OR wa_id IS NOT NULL OR bsuid IS NOT NULL)
);
CREATE UNIQUE INDEX contacts_phone_key ON contacts (tenant_id, phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE UNIQUE INDEX contacts_wa_id_key ON contacts (tenant_id, wa_id) WHERE wa_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_bsuid_key ON contacts (tenant_id, bsuid) WHERE bsuid IS NOT NULL;

-- One row per (business number, contact): the consent state, and the 24-hour window, which belong to the pair and
-- not to a thread.
CREATE TABLE consents (
  tenant_id uuid NOT NULL,
  business_number_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'requested', 'opted_in', 'opted_out')),
  reachability text NOT NULL DEFAULT 'ok' CHECK (reachability IN ('ok', 'unreachable')),
  last_requested_at timestamptz,
  last_inbound_at timestamptz,
  resume_requested_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, business_number_id, contact_id),
  FOREIGN KEY (tenant_id, business_number_id) REFERENCES business_numbers (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);

CREATE TABLE threads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  business_number_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('whatsapp', 'sms')),
  region text NOT NULL CHECK (region IN ('us', 'eu', 'uk', 'apac')),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  unassigned boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  last_message_id uuid,
  -- Current members with their names, kept by triggers below so the inbox reads one row per thread.
  members jsonb NOT NULL DEFAULT '[]',
  closed_at timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, business_number_id) REFERENCES business_numbers (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX threads_pair_idx ON threads (tenant_id, business_number_id, contact_id, last_activity_at DESC)
  WHERE state = 'open';
CREATE INDEX threads_unassigned_idx ON threads (tenant_id, region, last_activity_at DESC, id DESC)
  WHERE unassigned AND state = 'open';

CREATE TABLE thread_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  thread_id uuid NOT NULL,
  member_id uuid NOT NULL,
  joined_at timestamptz NOT NULL,
  history_from timestamptz NOT NULL,
  left_at timestamptz,
  last_read_seq bigint NOT NULL DEFAULT 0,
  -- Messages from the contact after last_read_seq, kept on write so the inbox never counts.
  unread_count integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
  -- Copied from threads.last_activity_at so the inbox page is one index range scan.
  last_activity_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id),
  CHECK (history_from <= joined_at),
  CHECK (left_at IS NULL OR left_at >= joined_at)
);
CREATE UNIQUE INDEX thread_members_active_key ON thread_members (thread_id, member_id) WHERE left_at IS NULL;
CREATE INDEX thread_members_inbox_idx ON thread_members (tenant_id, member_id, last_activity_at DESC, thread_id DESC)
  WHERE left_at IS NULL;
CREATE INDEX thread_members_thread_idx ON thread_members (thread_id, member_id);

-- At most 10 active members: the thread row is locked first, so concurrent joins are counted one after another.
CREATE FUNCTION bl_thread_members_max() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.left_at IS NULL THEN
    PERFORM 1 FROM threads WHERE id = NEW.thread_id FOR UPDATE;
    IF (SELECT count(*) FROM thread_members WHERE thread_id = NEW.thread_id AND left_at IS NULL) >= 10 THEN
      RAISE EXCEPTION 'thread % already has 10 members', NEW.thread_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'thread_members_max_10';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER thread_members_max_10 BEFORE INSERT ON thread_members
  FOR EACH ROW EXECUTE FUNCTION bl_thread_members_max();

-- threads.members follows thread_members and members' names; triggers keep it, so no code path can forget.
CREATE FUNCTION bl_refresh_thread_members(thread uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE threads t SET members = (
    SELECT coalesce(jsonb_agg(jsonb_build_object('memberId', p.member_id, 'displayName', m.display_name,
             'joinedAt', p.joined_at, 'historyFrom', p.history_from) ORDER BY p.joined_at, p.id), '[]')
      FROM thread_members p JOIN members m ON m.id = p.member_id
     WHERE p.thread_id = t.id AND p.left_at IS NULL)
  WHERE t.id = thread;
$$;
CREATE FUNCTION bl_thread_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bl_refresh_thread_members(NEW.thread_id);
  RETURN NULL;
END $$;
CREATE TRIGGER thread_members_refresh AFTER INSERT OR UPDATE OF left_at ON thread_members
  FOR EACH ROW EXECUTE FUNCTION bl_thread_members_changed();
CREATE FUNCTION bl_member_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bl_refresh_thread_members(p.thread_id) FROM thread_members p WHERE p.member_id = NEW.id AND p.left_at IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER members_renamed AFTER UPDATE OF display_name ON members
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION bl_member_renamed();

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  thread_id uuid NOT NULL,
  business_number_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  direction text NOT NULL CHECK (direction IN ('in', 'out', 'notice')),
  type text NOT NULL CHECK (type IN ('text', 'image', 'template', 'unsupported', 'notice')),
  text text,
  sent_text text,
  media_id uuid,
  template jsonb,
  sender_member_id uuid,
  client_message_id text,
  status text NOT NULL CHECK (status IN ('held', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
  hold_reason text CHECK (hold_reason IN ('consent', 'window')),
  error jsonb,
  provider_message_id text,
  reply_to_provider_id text,
  provider_timestamp timestamptz,
  notice_kind text,
  notice_params jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id),
  CHECK ((direction = 'notice') = (type = 'notice')),
  CHECK (direction <> 'out' OR client_message_id IS NULL OR sender_member_id IS NOT NULL)
);
CREATE UNIQUE INDEX messages_client_id_key ON messages (tenant_id, sender_member_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
CREATE UNIQUE INDEX messages_provider_id_key ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (thread_id, seq DESC);
CREATE INDEX messages_outbox_idx ON messages (tenant_id, business_number_id, contact_id, seq)
  WHERE status IN ('held', 'queued', 'sending');

CREATE TABLE consent_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  business_number_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('requested', 'opted_in', 'opted_out', 'unreachable')),
  basis text NOT NULL,
  requested_by uuid,
  template_name text,
  template_language text,
  request_message_id uuid,
  answer_provider_message_id text,
  answer_text text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, business_number_id, contact_id) REFERENCES consents (tenant_id, business_number_id, contact_id)
);
CREATE INDEX consent_events_pair_idx ON consent_events (tenant_id, business_number_id, contact_id, id);
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION bl_append_only();

CREATE TABLE rejoin_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  thread_id uuid NOT NULL,
  member_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined')),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz,
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);
CREATE UNIQUE INDEX rejoin_requests_pending_key ON rejoin_requests (thread_id, member_id) WHERE state = 'pending';

-- Every domain event, in order: the compliance archive builds on this log.
CREATE TABLE domain_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  type text NOT NULL,
  thread_id uuid,
  actor_member_id uuid,
  payload jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_tenant_idx ON domain_events (tenant_id, id);
CREATE TRIGGER domain_events_append_only BEFORE UPDATE OR DELETE ON domain_events
  FOR EACH ROW EXECUTE FUNCTION bl_append_only();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE domain_events;
DROP TABLE rejoin_requests;
DROP TABLE consent_events;
DROP TABLE messages;
DROP TABLE thread_members;
DROP TRIGGER members_renamed ON members;
DROP FUNCTION bl_member_renamed();
DROP FUNCTION bl_thread_members_changed();
DROP FUNCTION bl_refresh_thread_members(uuid);
DROP FUNCTION bl_thread_members_max();
DROP TABLE threads;
DROP TABLE consents;
DROP TABLE contacts;
DROP TABLE business_numbers;
DROP TABLE members;
DROP TABLE tenants;
DROP FUNCTION bl_append_only();
`);
  }
}
