using Vr.Standaarden.Fuzzing;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Fuzzing.Tests;

/// <summary>
/// The seeds of every fuzz target and every input a fuzzing run found to crash (<c>tests/fuzz/regressions</c>) run
/// through their target on every test run, without AFL: a crash that was fixed stays fixed.
/// </summary>
public sealed class FuzzInputTests
{
    private static readonly string Root = Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fuzz");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "seeds", "regressions" })
        {
            foreach (var target in Targets.All.Keys)
            {
                var folder = Path.Combine(Root, kind, target);
                var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
                foreach (var file in files.Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(Root, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Each_input_runs_through_its_target_without_a_crash(string target, string file) =>
        Targets.All[target](File.ReadAllBytes(Path.Combine(Root, file)));

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in Targets.All.Keys)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root, "seeds", target)));
        }
    }
}
