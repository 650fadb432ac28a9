package io.bisonsync.deletion;

import io.bisonsync.api.BisonRequest;
import io.bisonsync.api.Credential;
import io.bisonsync.api.RecordLookup;
import io.bisonsync.workspace.WorkspaceRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves, at the end of an instance's lanes, where accounts that answered 403 now are (route {@code prove-moved-out}):
 * each candidate is looked up in every workspace of the instance that the run planned (and read completely), with
 * the key that reads it: an api-user key as it is, the super-admin key switched to the workspace first and proven
 * afterwards by a lookup of an account of that workspace (200: the key still points there), or, for a workspace
 * that was empty, by its first page being empty. A 200 anywhere means the account is present: it is stored where
 * it was found (a move in place). 403 or 404 in every workspace means it is in no workspace bison-sync reads: it is
 * removed, counted {@code moved_out}. Any stop that failed or whose key could not be proven leaves its candidates
 * as they are (the next run proves them again).
 *
 * <p>Cost: (candidates x planned workspaces) lookups, plus per super-admin workspace one switch and one key check;
 * at most bison.sync.max-verifications candidates per instance and run (the others wait for the next run).
 * The limit: an account moving between two of these lookups (from a workspace not yet asked to one already asked)
 * looks absent, like a switch and a switch back between two checks of a read.
 */
public final class MovedOutProof {

    /** An account that answered 403 and that no read has served since, cached in {@code workspaceId}. */
    public record Candidate(long bisonId, long workspaceId) {
    }

    private final String instance;
    private final long runId;
    private final List<Candidate> candidates;
    private final List<Stop> stops = new ArrayList<>();

    MovedOutProof(String instance, long runId, List<Candidate> candidates, List<WorkspaceRun> workspaces) {
        this.instance = instance;
        this.runId = runId;
        this.candidates = List.copyOf(candidates);
        List<Long> ids = candidates.stream().map(Candidate::bisonId).toList();
        workspaces.forEach(ws -> stops.add(new Stop(ws, ids)));
    }

    /** The workspaces to ask, one after another (the split body of {@code prove-moved-out}). */
    public List<Stop> stops() {
        return List.copyOf(stops);
    }

    public String instanceName() {
        return instance;
    }

    public int candidates() {
        return candidates.size();
    }

    /** Requests sent: switches, lookups and key checks. */
    public int requests() {
        return stops.stream().mapToInt(s -> s.requests).sum();
    }

    /**
     * The workspace each candidate was found in (200 where the key was proven), by candidate; none for the ones
     * found nowhere.
     */
    Map<Candidate, WorkspaceRun> foundIn() {
        Map<Candidate, WorkspaceRun> found = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            for (Stop s : stops) {
                if (s.proven() && s.answers.get(c.bisonId()) == RecordLookup.Outcome.FOUND) {
                    found.put(c, s.where);
                    break;
                }
            }
        }
        return found;
    }

    /** Candidates that answered 403 or 404 in every planned workspace, each asked with a proven key. */
    List<Candidate> absentEverywhere() {
        return candidates.stream().filter(c -> stops.stream().allMatch(s -> s.proven() && s.absent(c.bisonId()))).toList();
    }

    /** Named parameters of sql/moved-in-place.sql, one row per account found in a workspace of the instance. */
    public List<Map<String, Object>> inPlaceRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        foundIn().forEach((c, ws) -> {
            Map<String, Object> m = new HashMap<>();
            m.put("runId", runId);
            m.put("instance", instance);
            m.put("bisonId", c.bisonId());
            m.put("fromWorkspaceId", c.workspaceId());
            m.put("workspaceId", ws.workspaceId());
            m.put("workspaceName", ws.workspaceName());
            rows.add(m);
        });
        return rows;
    }

    /** Named parameters of sql/remove-moved-out.sql, one row per workspace that cached accounts proven absent. */
    public List<Map<String, Object>> movedOutRows() {
        Map<Long, List<Long>> byWorkspace = new LinkedHashMap<>();
        absentEverywhere().forEach(c -> byWorkspace.computeIfAbsent(c.workspaceId(), k -> new ArrayList<>()).add(c.bisonId()));
        List<Map<String, Object>> rows = new ArrayList<>();
        byWorkspace.forEach((workspaceId, ids) -> {
            Map<String, Object> m = new HashMap<>();
            m.put("runId", runId);
            m.put("instance", instance);
            m.put("workspaceId", workspaceId);
            m.put("movedIds", ids.toArray(Long[]::new));
            rows.add(m);
        });
        return rows;
    }

    /** One line for the log: what the proof cost and found. */
    public String summary() {
        return "[" + instance + "] " + candidates.size() + " accounts that answered 403 looked up in " + stops.size()
                + " workspaces (" + requests() + " requests): " + foundIn().size() + " found (moved in place), "
                + absentEverywhere().size() + " in no workspace bison-sync reads (moved out), "
                + (candidates.size() - foundIn().size() - absentEverywhere().size()) + " kept for the next run";
    }

    /**
     * One workspace to ask: a switch first with a super-admin key, then one lookup per candidate, then (super-admin)
     * the key check. {@link #hasNextRequest()} is the loop predicate, {@link #answered(Object)} takes each answer.
     */
    public static final class Stop {

        private enum Step { SWITCH, LOOKUPS, KEY_CHECK, DONE }

        private final WorkspaceRun where;
        private final List<Long> ids;
        private final List<Long> anchors;
        private final Map<Long, RecordLookup.Outcome> answers = new HashMap<>();
        private Step step;
        private int next;
        private int requests;
        private boolean keyProven;
        private boolean failed;

        Stop(WorkspaceRun where, List<Long> ids) {
            this.where = where;
            this.ids = ids;
            this.anchors = new ArrayList<>(where.keyAnchors());
            boolean superAdmin = where.credential().superAdmin();
            this.keyProven = !superAdmin; // an api-user key reads its one workspace whatever another client does
            this.step = superAdmin ? Step.SWITCH : ids.isEmpty() ? Step.DONE : Step.LOOKUPS;
        }

        public Credential credential() {
            return where.credential();
        }

        public boolean hasNextRequest() {
            return step != Step.DONE;
        }

        public BisonRequest nextRequest() {
            requests++;
            String label = where.label();
            return switch (step) {
                case SWITCH -> BisonRequest.switchWorkspace(where.credential(), where.workspaceId(), "switch to " + label + " (moved-out proof)");
                case LOOKUPS -> BisonRequest.senderEmail(where.credential(), ids.get(next), "lookup of account " + ids.get(next) + " in " + label + " (moved-out proof)");
                // a workspace read empty has no account to prove the key with: its first page must be empty
                case KEY_CHECK -> anchors.isEmpty()
                        ? BisonRequest.senderEmails(where.credential(), 1, 15, "first page of " + label + " (moved-out proof)")
                        : BisonRequest.senderEmail(where.credential(), anchors.get(0), "switch check (account " + anchors.get(0) + ") of " + label);
                case DONE -> throw new IllegalStateException("no request left for " + label);
            };
        }

        /** The answer of the request {@link #nextRequest()} gave: the switch's body, a RecordLookup, or a page. */
        public void answered(Object answer) {
            switch (step) {
                case SWITCH -> step = ids.isEmpty() ? Step.KEY_CHECK : Step.LOOKUPS;
                case LOOKUPS -> {
                    answers.put(ids.get(next++), ((RecordLookup) answer).outcome());
                    if (next == ids.size()) {
                        step = where.credential().superAdmin() ? Step.KEY_CHECK : Step.DONE;
                    }
                }
                case KEY_CHECK -> keyChecked(answer);
                case DONE -> throw new IllegalStateException("no request sent for " + where.label());
            }
        }

        private void keyChecked(Object answer) {
            if (anchors.isEmpty()) {
                // the key's current workspace is empty: if it is this one, none of the candidates is in it (a 200
                // would contradict it: then the key pointed elsewhere)
                com.fasterxml.jackson.databind.JsonNode data = ((com.fasterxml.jackson.databind.JsonNode) answer).get("data");
                keyProven = data != null && data.isArray() && data.isEmpty() && !answers.containsValue(RecordLookup.Outcome.FOUND);
                step = Step.DONE;
                return;
            }
            switch (((RecordLookup) answer).outcome()) {
                case FOUND -> {
                    keyProven = true;
                    step = Step.DONE;
                }
                case ELSEWHERE -> step = Step.DONE; // switched away by another client: nothing this stop saw counts
                case GONE -> {
                    anchors.remove(0);
                    if (anchors.isEmpty()) {
                        step = Step.DONE; // no account left to prove the key with
                    }
                }
            }
        }

        /** A request of this stop failed after its retries: nothing it saw counts. */
        public void failed() {
            failed = true;
            step = Step.DONE;
        }

        boolean proven() {
            return keyProven && !failed && answers.size() == ids.size();
        }

        boolean absent(long bisonId) {
            RecordLookup.Outcome answer = answers.get(bisonId);
            return answer == RecordLookup.Outcome.ELSEWHERE || answer == RecordLookup.Outcome.GONE;
        }

        @Override
        public String toString() {
            return where.label();
        }
    }
}
