using Xunit.Abstractions;

namespace Vr.Standaarden.Transport.Tests;

/// <summary>
/// The figures of a fault test: sent, delivered (one effect each), duplicates suppressed, lost. Written to the test's
/// output and appended to <c>transport-faults.txt</c> in <c>VR_REPORT_DIR</c> (or the temp folder), which
/// <c>.ci/run</c> prints.
/// </summary>
internal static class FaultReport
{
    public static void Write(ITestOutputHelper output, string test, long sent, long delivered, long duplicatesSuppressed, long lost, string? detail = null)
    {
        var line = $"{test}: sent {sent}, delivered {delivered}, duplicates suppressed {duplicatesSuppressed}, lost {lost}{(detail is null ? "" : $" ({detail})")}";
        output.WriteLine(line);
        var folder = Environment.GetEnvironmentVariable("VR_REPORT_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "transport-faults.txt"), line + Environment.NewLine);
    }
}
