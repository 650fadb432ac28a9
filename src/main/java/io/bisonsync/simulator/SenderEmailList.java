package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** GET /api/sender-emails: one page of the key's current workspace, with any page fault applied. */
final class SenderEmailList {

    private final Faults faults;

    SenderEmailList(Faults faults) {
        this.faults = faults;
    }

    Reply read(String slug, String listUrl, SimWorkspace workspace, String pageParameter) {
        int page = parsePage(pageParameter);
        Optional<PageFault> fault = faults.pageFault(slug, workspace.id(), page);
        if (fault.isPresent() && fault.get() instanceof PageFault.Hang) {
            return Reply.hang(page, workspace.id());
        }
        if (fault.isPresent() && fault.get() instanceof PageFault.Status status) {
            return Reply.page(Response.error(status.status()), page, workspace.id());
        }
        if (fault.isPresent() && fault.get() instanceof PageFault.TooManyRequests limited) {
            return Reply.page(ApiRoutes.tooManyAttempts(limited.retryAfterSeconds()), page, workspace.id())
                    .withHeader("Retry-After", Integer.toString(limited.retryAfterSeconds()));
        }

        int offset = (int) Math.min(Integer.MAX_VALUE, (page - 1L) * PageEnvelope.PER_PAGE);
        ObjectNode envelope = PageEnvelope.build(listUrl, page, workspace.slice(offset, PageEnvelope.PER_PAGE));
        Response response = fault.isPresent() && fault.get() instanceof PageFault.Malformed malformed
                ? Malformations.apply(malformed.kind(), envelope, page > 1 ? recordBefore(workspace, offset) : null)
                : Response.json(200, envelope);
        if (fault.isPresent() && fault.get() instanceof PageFault.Oversized oversized) {
            response = response.paddedTo(oversized.bytes());
        }

        faults.mutateAfter(slug, workspace, page);
        Reply reply = Reply.page(response, page, workspace.id());
        return fault.isPresent() && fault.get() instanceof PageFault.Trickle trickle ? reply.trickling(trickle.perByte()) : reply;
    }

    /** Laravel falls back to page 1 for a missing, non-numeric or non-positive page. */
    static int parsePage(String value) {
        try {
            int page = value == null ? 1 : Integer.parseInt(value.trim());
            return Math.max(page, 1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static JsonNode recordBefore(SimWorkspace workspace, int offset) {
        return workspace.slice(offset - 1, 1).records().stream().findFirst().orElse(null);
    }
}
