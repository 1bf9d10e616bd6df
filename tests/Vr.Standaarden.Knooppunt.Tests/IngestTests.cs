using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Transport;

namespace Vr.Standaarden.Knooppunt.Tests;

public sealed class IngestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-ingest-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task Messages_from_the_receiver_reach_the_record_and_the_picture_once_and_a_restart_resumes()
    {
        var services = new ServiceCollection().AddKnooppunt(Path.Combine(_folder, "data"), o => o.LocationToleranceMetres = 100).BuildServiceProvider();
        var ingest = services.GetRequiredService<KnooppuntIngest>();
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        var channel = new InProcessChannel();
        var gms = TestIncidents.WithGrip("urn:nld:oin:00000004000000042000:systeem:GMS", 20, "GRIP1");
        await channel.SendAsync([gms, TestIncidents.WithGrip("urn:nld:oin:00000004000000043000:systeem:LCMS", 25, "GRIP2"), gms]);
        channel.Complete();
        await receiver.RunAsync(channel);

        Assert.Equal(2, ingest.Log.Count);
        var grip = ingest.Read(p => Assert.Single(p.Incident("INC-15-2026-0042")!.Contradictions));
        Assert.Equal("grip", grip.Field);
        Assert.Equal("GRIP1", (string?)ingest.At(new DateTimeOffset(2026, 11, 20, 21, 22, 0, TimeSpan.FromHours(1))).Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        services.Dispose();

        using var restarted = new KnooppuntIngest(Path.Combine(_folder, "data", "berichten.db"));
        Assert.Equal("GRIP2", (string?)restarted.Picture.Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        Assert.Single(restarted.Picture.Incident("INC-15-2026-0042")!.Contradictions);
        Assert.False(restarted.Ingest(JsonNode.Parse(gms.Utf8.Span)!.AsObject()));
    }
}
