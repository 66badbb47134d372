-- Row-level security keeps leaky operators such as LIKE from being used as index conditions
-- (they must not see rows before the policy has filtered them), so under the tenant role a
-- "name or email contains" search scans every row of the agency. This function runs the search as
-- afterview_system, whose policy is `true`, so the trigram index serves it; it scopes to the
-- caller's tenant explicitly, and returns ids only.
CREATE OR REPLACE FUNCTION afterview_search_candidate_ids(pattern text) RETURNS TABLE (id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.id FROM candidates c
    WHERE c.org_id = afterview_current_org() AND lower(c.name || ' ' || c.email) LIKE pattern
  $$;
--> statement-breakpoint
ALTER FUNCTION afterview_search_candidate_ids(text) OWNER TO afterview_system;
--> statement-breakpoint
REVOKE ALL ON FUNCTION afterview_search_candidate_ids(text) FROM public;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION afterview_search_candidate_ids(text) TO afterview_tenant;
