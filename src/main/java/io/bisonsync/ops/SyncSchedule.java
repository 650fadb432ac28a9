package io.bisonsync.ops;

import io.bisonsync.sync.SyncRun;
import io.bisonsync.sync.SyncRuns;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/** What {@code GET /api/sync/schedule} shows: the cron, the Quartz trigger's next fire time, and the run in flight. */
public final class SyncSchedule {

    static final String ROUTE = "sync-schedule";

    private final CamelContext context;
    private final SyncRuns runs;
    private final String cron;

    public SyncSchedule(CamelContext context, SyncRuns runs, String cron) {
        this.context = context;
        this.runs = runs;
        this.cron = cron;
    }

    public Map<String, Object> view() throws SchedulerException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cron", cron);
        Date next = nextFireTime();
        out.put("scheduled", next != null);
        out.put("nextFireTime", next == null ? null : next.toInstant().toString());
        SyncRun run = runs.current();
        out.put("running", run != null);
        out.put("run", run == null ? null : progress(run));
        return out;
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
