using Vr.Standaarden.Testing;
namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The main job as a user runs it: the sample node with its sample feeds, as a process of its own.</summary>
public sealed class SampleNodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-sample-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task The_sample_node_merges_its_feeds_into_a_picture_with_contradictions_and_resumes_on_restart()
    {
        var url = $"http://127.0.0.1:{NatsServer.FreePort()}";
        var (code, output) = await SampleNode.RunAsync("--data", _folder, "--urls", url, "--exit-after-samples");
        Assert.True(code == 0, output);
        Assert.Contains("signatures are not checked and unsigned messages are accepted", output, StringComparison.Ordinal);
        foreach (var feed in new[] { "incidenten  GMS, LCMS and plume-model incident messages: 8 accepted", "p2000       meldkamer pager lines as meldingen: 5 accepted", "cap         CAP warnings as waarschuwingen: 2 accepted", "capaciteit  IC beds and shelter places from a CSV: 3 accepted", "besluiten   crisis team decisions: 1 accepted" })
        {
            Assert.Contains("feed " + feed + ", 0 already there, 0 refused", output, StringComparison.Ordinal);
        }

        Assert.Contains("Situation picture of VR15: 4 incidents from 7 sources; 3 open contradictions in 3 incidents, 1 resolved by a besluit", output, StringComparison.Ordinal);
        Assert.Contains("CONTRADICTION grip: 2 sources give 2 different values.", output, StringComparison.Ordinal);
        Assert.Contains("CONTRADICTION locatie: The sources' locations are 420 m apart, more than 250 m.", output, StringComparison.Ordinal);
        Assert.Contains("resolved fase by BES-15-0104-1", output, StringComparison.Ordinal);
        // The plume model's estimate contradicts the meldkamer's location, and says it is an unreviewed model's.
        Assert.Contains("learned model's that no person reviewed", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "berichten.db")));

        // A restart on the same folder resumes: the feeds' messages are there already and the picture is the same.
        var (again, second) = await SampleNode.RunAsync("--data", _folder, "--urls", url, "--exit-after-samples");
        Assert.True(again == 0, second);
        Assert.Contains("feed incidenten  GMS, LCMS and plume-model incident messages: 0 accepted, 8 already there, 0 refused", second, StringComparison.Ordinal);
        Assert.Contains("Record: 19 messages", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_region_speaks_for_itself_and_usage_errors_exit_2()
    {
        var (code, output) = await SampleNode.RunAsync("--data", _folder, "--urls", $"http://127.0.0.1:{NatsServer.FreePort()}", "--regio", "VR07", "--exit-after-samples");
        Assert.True(code == 0, output);
        Assert.Contains("Situation picture of VR07: 4 incidents", output, StringComparison.Ordinal);
        Assert.Contains("INC-07-2026-0101", output, StringComparison.Ordinal);

        Assert.Equal(0, (await SampleNode.RunAsync("--help")).ExitCode);
        Assert.Equal(2, (await SampleNode.RunAsync("--regio", "VR26")).ExitCode);
        Assert.Equal(2, (await SampleNode.RunAsync("--landelijk")).ExitCode);
        Assert.Equal(2, (await SampleNode.RunAsync("--bron", "vr.06.>")).ExitCode);
        Assert.Equal(2, (await SampleNode.RunAsync("--oin", "123")).ExitCode);
        var (unknown, message) = await SampleNode.RunAsync("--onbekend");
        Assert.Equal(2, unknown);
        Assert.Contains("Unknown option --onbekend.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_stops_cleanly_on_sigterm_as_a_service_manager_stops_it()
    {
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient();
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", _folder);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await node.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, node.ExitCode);
    }
}
