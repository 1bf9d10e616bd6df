using Vr.Standaarden.Cli.Spec;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Spec.Tests;

public sealed class ExampleTests
{
    private static IEnumerable<SpecExample> AllExamples() =>
        SpecFolders.LoadedRelease.Examples.Concat(SpecFolders.LoadedExtension.Examples);

    public static TheoryData<string> ValidExamples() => [.. AllExamples().Where(e => e.ExpectedValid).Select(e => SpecFolders.Relative(e.Path))];

    public static TheoryData<string> InvalidExamples() => [.. AllExamples().Where(e => !e.ExpectedValid).Select(e => SpecFolders.Relative(e.Path))];

    public static TheoryData<string> EntitySchemas() => [.. SpecFolders.LoadedRelease.Schemas.Where(s => !s.IsTypeLibrary).Select(s => s.Name)];

    private static SpecExample Example(string relative) => AllExamples().Single(e => SpecFolders.Relative(e.Path) == relative);

    private static EvaluationResult Evaluate(SpecExample example)
    {
        Assert.True(example.Schema is not null, $"{example.FileName}: the name does not start with '<schema name>-'");
        return SpecFolders.Build(example.Schema.Path).Evaluate(File.ReadAllBytes(example.Path), OutputFormat.List);
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_example_is_valid(string file)
    {
        var result = Evaluate(Example(file));
        Assert.True(result.IsValid, string.Join("\n", result.MostSpecificErrors));
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Invalid_example_fails_for_its_stated_reason_and_no_other(string file)
    {
        var example = Example(file);
        var expected = example.Expectation!;
        var result = Evaluate(example);

        Assert.False(result.IsValid, $"{file} should break: {expected.RedenEn}");
        // The stated keyword failed at the stated place. For additionalProperties the place is the member
        // that is not allowed, where the 'false' subschema of that keyword fails.
        Assert.Contains(result.Errors, e => e.InstanceLocation == expected.InstanceLocation &&
            (e.Keyword == expected.Keyword || e.KeywordLocation.EndsWith("/" + expected.Keyword, StringComparison.Ordinal)));

        // Only the stated rule is broken: every most specific error lies at or below the stated location,
        // or is an applicator above it that failed because of it.
        var elsewhere = result.MostSpecificErrors
            .Where(e => !Within(e.InstanceLocation, expected.InstanceLocation) &&
                        !(Within(expected.InstanceLocation, e.InstanceLocation) && Applicators.Contains(e.Keyword)))
            .ToList();
        Assert.True(elsewhere.Count == 0, $"{file} also breaks: {string.Join("; ", elsewhere)}");
    }

    [Theory]
    [MemberData(nameof(EntitySchemas))]
    public void Every_entity_has_two_valid_and_two_invalid_examples(string name)
    {
        var examples = SpecFolders.LoadedRelease.Examples.Where(e => e.Schema?.Name == name).ToList();
        Assert.True(examples.Count(e => e.ExpectedValid) >= 2, $"{name}: {examples.Count(e => e.ExpectedValid)} valid examples");
        Assert.True(examples.Count(e => !e.ExpectedValid) >= 2, $"{name}: {examples.Count(e => !e.ExpectedValid)} invalid examples");
    }

    [Fact]
    public void Every_example_names_the_schema_it_is_an_instance_of()
    {
        var orphans = AllExamples().Where(e => e.Schema is null).Select(e => e.FileName).ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void Extension_example_also_conforms_to_the_standard_entity()
    {
        // A profile only adds constraints: what it accepts, the standard accepts too.
        var standard = SpecFolders.Build(Path.Combine(SpecFolders.Release, "schemas", "object.schema.json"));
        foreach (var example in SpecFolders.LoadedExtension.Examples.Where(e => e.ExpectedValid))
        {
            Assert.True(standard.Evaluate(File.ReadAllBytes(example.Path), OutputFormat.Flag).IsValid, example.FileName);
        }
    }

    private static readonly HashSet<string> Applicators =
        ["if", "then", "else", "allOf", "anyOf", "oneOf", "not", "$ref", "properties", "items", "additionalProperties", "unevaluatedProperties", "dependentSchemas"];

    private static bool Within(string location, string expected) =>
        location == expected || location.StartsWith(expected + "/", StringComparison.Ordinal) || expected.Length == 0;
}
