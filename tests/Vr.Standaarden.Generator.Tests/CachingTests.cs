using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>The incremental pipeline does no work it does not have to.</summary>
public sealed class CachingTests
{
    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult run, string step) =>
        run.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void An_unrelated_source_edit_regenerates_nothing()
    {
        var compilation = Harness.Compilation(CSharpSyntaxTree.ParseText("class A { }"));
        var driver = Harness.Driver(Harness.Files("opvanglocatie.schema.json", "status.json")).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("class A { int x; }")));
        var run = driver.GetRunResult();

        Assert.All(Reasons(run, SchemaGenerator.Steps.Sources), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(run, SchemaGenerator.Steps.Generated), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Editing_one_schema_text_regenerates_that_schema_only()
    {
        var files = Harness.Files("opvanglocatie.schema.json", "status.json").ToList();
        var compilation = Harness.Compilation();
        var driver = Harness.Driver(files).RunGenerators(compilation);

        // A new description changes the file but not what other files know of it.
        var edited = new Harness.InMemoryText(files[0].Path, files[0].GetText()!.ToString().Replace("Een opvanglocatie van een regio.", "Een opvanglocatie.", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(files[0], edited).RunGenerators(compilation);
        var generated = Reasons(driver.GetRunResult(), SchemaGenerator.Steps.Generated).ToList();

        Assert.Equal(2, generated.Count);
        Assert.Equal(1, generated.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, generated.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void A_cancelled_run_stops_with_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Harness.Driver(Harness.Files("opvanglocatie.schema.json", "status.json")).RunGenerators(Harness.Compilation(), cancelled.Token));
    }
}
