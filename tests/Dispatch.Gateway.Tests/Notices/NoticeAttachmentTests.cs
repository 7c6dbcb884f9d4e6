using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Gateway.Tests.Tasks;

namespace Dispatch.Gateway.Tests.Notices;

/// <summary>A notice's optional attachment: uploaded first within the limits, then readable by the recipients only.</summary>
public sealed class NoticeAttachmentTests(TaskCountyFixture fixture) : IClassFixture<TaskCountyFixture>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8];

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return client.PostAsync("/api/notices/attachments", content);
    }

    [Fact]
    public async Task An_attachment_goes_with_the_notice_to_its_recipients_and_bad_ones_are_refused()
    {
        var dispatcher = await fixture.As(TaskCounty.DispatcherLogin);
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var worker2 = await fixture.As(TaskCounty.Worker2Login);

        var uploaded = await Upload(dispatcher, Jpeg, "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachmentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Problem.Expect(await Upload(dispatcher, "%PDF-1.7"u8.ToArray(), "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        await Problem.Expect(await Upload(worker1, Jpeg, "image/jpeg"), HttpStatusCode.Forbidden);
        var traversal = await Problem.Expect(await dispatcher.PostAsJsonAsync("/api/notices", new
        {
            title = "附件", unitCodes = new[] { fixture.County.Grid1 }, attachmentId = "../../token-signing",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("attachmentId", traversal.Text());

        var notice = await NoticesApiTests.Send(dispatcher, new { title = "防汛图", workerIds = new[] { fixture.County.Worker1 }, attachmentId });
        var id = notice.GetProperty("id").GetString()!;

        Assert.Equal(attachmentId, notice.GetProperty("attachmentId").GetString());
        Assert.Equal(Jpeg, await worker1.GetByteArrayAsync($"/api/notices/{id}/attachment"));
        await Problem.Expect(await worker2.GetAsync($"/api/notices/{id}/attachment"), HttpStatusCode.Forbidden);
    }
}
