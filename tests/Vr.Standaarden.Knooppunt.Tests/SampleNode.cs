using System.Diagnostics;
using System.Text;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The sample node (samples/Knooppunt) as a process of its own.</summary>
internal static class SampleNode
{
    /// <summary>Starts the node with <paramref name="arguments"/> on <paramref name="address"/> and waits until it answers.</summary>
    public static async Task<Process> StartAsync(Uri address, HttpClient client, params string[] arguments)
    {
        var node = NodeDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { node, "--urls", address.ToString() }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"The node stopped: {log}");
            try
            {
                using var response = await client.GetAsync(new Uri(address, "/v1/gezondheid"));
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        process.Kill(true);
        throw new TimeoutException($"The node did not start: {log}");
    }

    /// <summary>The sample node's program, built with the tests (same configuration).</summary>
    public static string NodeDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vr.Standaarden.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "samples", "Knooppunt", "bin", configuration, "net10.0", "Knooppunt.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build samples/Knooppunt ({configuration}) first.", dll);
    }

    /// <summary>Runs the node to the end with <paramref name="arguments"/>: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(NodeDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
