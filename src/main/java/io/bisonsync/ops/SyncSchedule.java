package io.bisonsync.ops;

import io.bisonsync.run.ProcessIdentity;
import io.bisonsync.run.RunGuard;
import io.bisonsync.run.SyncRun;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/**
 * What {@code GET /api/sync/schedule} shows: the cron, the Quartz trigger's next fire time (with the clustered job
 * store, the cluster's: whichever replica fires it), this process, and the run in flight anywhere on the database
 * with the process that runs it (with its progress when it is this process's).
 */
public final class SyncSchedule {

    static final String ROUTE = "sync-schedule";

    private final CamelContext context;
    private final RunGuard runs;
    private final String cron;
    private final ProcessIdentity process;

    public SyncSchedule(CamelContext context, RunGuard runs, String cron, ProcessIdentity process) {
        this.context = context;
        this.runs = runs;
        this.cron = cron;
        this.process = process;
    }

    /** @param inFlight rows of sql/ops/run-in-flight.sql: the newest run still "running", if any */
    public Map<String, Object> view(List<Map<String, Object>> inFlight) throws SchedulerException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cron", cron);
        Date next = nextFireTime();
        out.put("scheduled", next != null);
        out.put("nextFireTime", next == null ? null : next.toInstant().toString());
        out.put("clustered", clustered());
        out.put("process", processView(process.host(), process.instanceId()));
        SyncRun run = runs.current();
        Map<String, Object> row = inFlight == null || inFlight.isEmpty() ? null : inFlight.get(0);
        out.put("running", run != null || row != null);
        if (run != null) {
            Map<String, Object> p = progress(run);
            p.put("process", processView(process.host(), process.instanceId()));
            out.put("run", p);
        } else if (row != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("runId", ((Number) row.get("run_id")).longValue());
            p.put("trigger", row.get("trigger"));
            p.put("startedAt", instant(row.get("started_at")));
            p.put("heartbeatAt", instant(row.get("heartbeat_at")));
            p.put("process", processView((String) row.get("host"), (String) row.get("instance_id")));
            out.put("run", p);
        } else {
            out.put("run", null);
        }
        return out;
    }

    private static String instant(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (timestamp instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return timestamp == null ? null : timestamp.toString();
    }

    private static Map<String, Object> processView(String host, String instanceId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("host", host);
        p.put("instanceId", instanceId);
        return p;
    }

    private boolean clustered() throws SchedulerException {
        Route route = context.getRoute(ROUTE);
        return route != null && route.getEndpoint() instanceof QuartzEndpoint quartz
                && quartz.getComponent().getScheduler() != null && quartz.getComponent().isClustered();
    }

    /** The next fire time of route sync-schedule's trigger; null while the route is stopped (schedule disabled). */
    private Date nextFireTime() throws SchedulerException {
        Route route = context.getRoute(ROUTE);
        if (route == null || context.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started
                || !(route.getEndpoint() instanceof QuartzEndpoint quartz)) {
            return null;
        }
        Trigger trigger = quartz.getComponent().getScheduler().getTrigger(quartz.getTriggerKey());
        return trigger == null ? null : trigger.getNextFireTime();
    }

    private static Map<String, Object> progress(SyncRun run) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("runId", run.id() == 0 ? null : run.id());
        p.put("trigger", run.trigger());
        p.put("startedAt", run.startedAt().toString());
        p.put("workspacesDone", run.workspacesDone());
        p.put("workspacesTotal", run.workspacesPlanned());
        return p;
    }
}
