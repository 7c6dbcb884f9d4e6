using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Tasks;

/// <summary>Photos of a task: kept in the data folder when small enough and really images; otherwise a problem and no file.</summary>
public sealed class TaskAttachmentTests(TaskCountyFixture fixture) : IClassFixture<TaskCountyFixture>
{
    private static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private string Folder(string taskId) => Path.Combine(fixture.App.DataFolder, "attachments", "tasks", taskId);

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string id, byte[] bytes, string type, string name = "现场.png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await client.PostAsync($"/api/tasks/{id}/attachments?fileName={Uri.EscapeDataString(name)}", content);
    }

    [Fact]
    public async Task A_photo_is_kept_and_read_back_byte_for_byte()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var id = (await TasksApiTests.Report(worker1, TaskCounty.InGrid1)).GetProperty("id").GetString()!;
        var photo = PngHead.Concat(Enumerable.Range(0, 5000).Select(i => (byte)i)).ToArray();

        var response = await Upload(worker1, id, photo, "image/png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.Content.ReadFromJsonAsync<JsonElement>();
        var attachment = task.GetProperty("attachments")[0];
        Assert.Equal("现场.png", attachment.GetProperty("fileName").GetString());
        Assert.Equal(photo.Length, attachment.GetProperty("length").GetInt64());
        var back = await worker1.GetByteArrayAsync($"/api/tasks/{id}/attachments/{attachment.GetProperty("id").GetString()}");
        Assert.Equal(photo, back);
        Assert.Single(Directory.GetFiles(Folder(id)));
    }

    [Fact]
    public async Task An_oversized_or_wrong_type_attachment_is_a_4xx_problem_and_leaves_no_file_and_no_entry()
    {
        var worker1 = await fixture.As(TaskCounty.Worker1Login);
        var id = (await TasksApiTests.Report(worker1, TaskCounty.InGrid1)).GetProperty("id").GetString()!;
        var tooLarge = PngHead.Concat(new byte[10 * 1024 * 1024]).ToArray();

        var large = await Problem.Expect(await Upload(worker1, id, tooLarge, "image/png"), HttpStatusCode.RequestEntityTooLarge);
        var text = await Problem.Expect(await Upload(worker1, id, "not a photo"u8.ToArray(), "text/plain"), HttpStatusCode.UnsupportedMediaType);
        var disguised = await Problem.Expect(await Upload(worker1, id, "MZ not a png at all"u8.ToArray(), "image/png"), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("10485760", large.GetProperty("detail").GetString());
        Assert.Contains("text/plain", text.GetProperty("detail").GetString());
        Assert.Contains("not a image/png", disguised.GetProperty("detail").GetString());
        Assert.Empty(Directory.Exists(Folder(id)) ? Directory.GetFiles(Folder(id)) : []);
        var task = await worker1.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal(0, task.GetProperty("attachments").GetArrayLength());
    }
}
