using System.Diagnostics;
using System.Text;
using Vr.Standaarden.Testing;

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
        // The output is read under the lock it is written under: the readers append while this loop runs.
        string Output()
        {
            lock (log)
            {
                return log.ToString();
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The node stopped: {Output()}");
            }

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
        throw new TimeoutException($"The node did not start: {Output()}");
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
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunDllAsync(NodeDll(), arguments, TimeSpan.FromSeconds(90));

    /// <summary>The vr tool, built with the tests (same configuration).</summary>
    public static string VrDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(ConformanceSuites.RepositoryRoot, "src", "Vr.Standaarden.Cli", "bin", configuration, "net10.0", "vr.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Vr.Standaarden.Cli ({configuration}) first.", dll);
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="dll"/></c> with <paramref name="arguments"/> (and <paramref name="environment"/>) to the
    /// end, or at most <paramref name="timeout"/>: its exit code and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunDllAsync(string dll, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
