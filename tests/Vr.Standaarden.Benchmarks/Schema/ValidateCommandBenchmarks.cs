using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Schema;

/// <summary>
/// <c>vr validate</c> of 2,000 messages of the newest release (its valid example messages, each written 2,000 / n times
/// under its own name), process start included, with one job and with two, read as a ratio against the same work in
/// process: one <see cref="MessageValidator"/> reading and validating the same files one after another.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 12)]
public class ValidateCommandBenchmarks
{
    private const int Count = 2000;
    private readonly MessageValidator _validator = new();
    private string _folder = "";
    private string[] _files = [];
    private string _vr = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vr.Standaarden.sln")))
        {
            root = root.Parent;
        }

        _vr = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository root is not above the benchmark."), "src", "Vr.Standaarden.Cli", "bin", "Release", "net10.0", "vr.dll");
        if (!File.Exists(_vr))
        {
            throw new InvalidOperationException($"Build the tool first (dotnet build -c Release): {_vr} is missing.");
        }

        var examples = Standard.Newest.Examples.Where(e => e.Path.StartsWith("voorbeelden/geldig/bericht-", StringComparison.Ordinal)).ToList();
        _folder = Directory.CreateTempSubdirectory("vr-bench-validate-").FullName;
        _files = [.. Enumerable.Range(0, Count).Select(i =>
        {
            var path = Path.Combine(_folder, $"{i:D4}-{Path.GetFileName(examples[i % examples.Count].Path)}");
            File.WriteAllBytes(path, examples[i % examples.Count].Utf8.ToArray());
            return path;
        })];
        Console.WriteLine($"// {Count} messages from {examples.Count} examples, {_files.Sum(f => new FileInfo(f).Length) / Count} bytes on average");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, true);

    /// <summary>The same work in this process: read each file and validate it (schema and domain rules).</summary>
    [Benchmark(Baseline = true)]
    public int InProcess()
    {
        var valid = 0;
        foreach (var file in _files)
        {
            using var stream = File.OpenRead(file);
            valid += _validator.Validate(stream).IsValid ? 1 : throw new InvalidOperationException($"{file} is not valid.");
        }

        return valid;
    }

    /// <summary><c>vr validate --jobs 1</c>: a new process, one file at a time.</summary>
    [Benchmark]
    public int OneJob() => Run(1);

    /// <summary><c>vr validate --jobs 2</c>: a new process on both cores, the output in the order of the files.</summary>
    [Benchmark]
    public int TwoJobs() => Run(2);

    private int Run(int jobs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[_vr, "validate", "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), .. _files])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var lines = 0;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines += line.EndsWith(')') ? 1 : 0;
        }

        process.WaitForExit();
        return process.ExitCode == 0 && lines == Count ? lines : throw new InvalidOperationException($"vr validate: exit {process.ExitCode}, {lines} lines: {errors.Result}");
    }
}
