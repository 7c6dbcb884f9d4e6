using Dispatch.Contracts.Notices;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api.Notices;

/// <summary>The awareness of one notice as REST and the hub show it.</summary>
internal static class NoticeAwareness
{
    public static async Task<NoticeAwarenessResponse> Of(IGrainFactory grains, NoticeView notice, OrgLevel? only = null)
    {
        var units = await grains.GetGrain<INoticeGrain>(notice.Id).AwarenessByUnit();
        return new NoticeAwarenessResponse(notice.Id, AwarenessResponse.From(notice.Total),
            units.Where(u => only is null || u.Level == (int)only).Select(UnitAwarenessResponse.From).ToArray());
    }
}
