using System.Reflection;
using Vr.Standaarden.Generator.Engine;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>
/// The diagnostics declared in <see cref="Diagnostics"/> are the rules the analyzer release files list, with the same
/// severity; a new diagnostic or a changed severity must be written in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
public sealed class DiagnosticReleaseTests
{
    [Fact]
    public void Every_declared_diagnostic_is_listed_in_the_release_files_with_its_severity()
    {
        var declared = typeof(Diagnostics).GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .Select(t => (
                Id: (string)t.GetField("Id")!.GetRawConstantValue()!,
                Severity: (bool)t.GetField("IsError")!.GetRawConstantValue()! ? "Error" : "Warning"))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        var folder = Path.Combine(ConformanceSuites.RepositoryRoot, "src", "Vr.Standaarden.Generator");
        var listed = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(folder, file)))
            .Where(line => line.StartsWith("VR", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => (Id: cells[0], Category: cells[1], Severity: cells[2]))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(8, declared.Count);
        Assert.All(listed, rule => Assert.Equal("Vr.Standaarden.Generator", rule.Category));
        Assert.Equal(declared, listed.Select(rule => (rule.Id, rule.Severity)));
        Assert.All(declared, d => Assert.Equal(d.Severity == "Error", Diagnostics.IsError(d.Id)));
    }
}
