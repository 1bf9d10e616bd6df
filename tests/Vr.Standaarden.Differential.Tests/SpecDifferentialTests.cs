using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Vr.Standaarden.Differential.Tests;

/// <summary>Every example of the standard, and instances generated from them, judged by both engines.</summary>
public sealed class SpecDifferentialTests
{
    // An example by its path under spec/ (1.0/voorbeelden/geldig/…): releases hold examples of the same name.
    private static string Relative(string path) =>
        Path.GetRelativePath(Path.Combine(Vr.Standaarden.Testing.ConformanceSuites.RepositoryRoot, "spec"), path).Replace('\\', '/');

    public static TheoryData<string> Examples() => [.. SpecCorpus.Instance.Examples.Select(Relative)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Both_engines_judge_each_example_alike_and_as_its_folder_says(string file)
    {
        var corpus = SpecCorpus.Instance;
        var path = corpus.Examples.Single(e => Relative(e) == file);
        var (ours, theirs) = corpus.Build(corpus.SchemaOf(path));
        using var instance = JsonDocument.Parse(File.ReadAllBytes(path));
        var expected = path.Contains($"{Path.DirectorySeparatorChar}geldig{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

        Assert.Equal(expected, ours.IsValid(instance.RootElement));
        Assert.Equal(expected, corpus.Peer.IsValid(theirs, instance.RootElement));
    }

    /// <summary>Instances per example and run: 200, or VR_DIFFERENTIAL_COUNT for a longer search.</summary>
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("VR_DIFFERENTIAL_COUNT"), out var count) && count > 0 ? count : 200;

    public static TheoryData<string> ValidExamples() =>
        [.. SpecCorpus.Instance.Examples.Where(e => e.Contains($"{Path.DirectorySeparatorChar}geldig{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Select(Relative)];

    /// <summary>
    /// Generated instances: a valid example with random edits (a member removed, a value replaced by another type, a
    /// string or number changed, an item removed or doubled, a member added), so both sides of every keyword are
    /// reached. 200 instances per example and run (VR_DIFFERENTIAL_COUNT sets another number), from a new seed each run (FsCheck reports the seed and the instance
    /// of a failure); any disagreement fails.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Both_engines_judge_generated_instances_alike(string file)
    {
        var corpus = SpecCorpus.Instance;
        var path = corpus.Examples.Single(e => Relative(e) == file);
        var (ours, theirs) = corpus.Build(corpus.SchemaOf(path));
        var original = JsonNode.Parse(File.ReadAllBytes(path))!;
        var counts = new int[4];

        var property = Prop.ForAll(Mutations.Arbitrary(original), (JsonNode mutated) =>
        {
            using var instance = JsonDocument.Parse(mutated.ToJsonString());
            var ourValid = ours.IsValid(instance.RootElement);
            counts[ourValid ? 1 : 0]++;
            bool peerValid;
            try
            {
                peerValid = corpus.Peer.IsValid(theirs, instance.RootElement);
            }
            catch (FormatException) when (Disagreements.HasNumberBeyondDecimal(instance.RootElement))
            {
                // Disagreements.PeerThrowsOnLargeNumbers: JsonSchema.Net gives no answer; ours does.
                counts[2]++;
                return true.ToProperty();
            }

            if (ourValid != peerValid && Disagreements.Explain(instance.RootElement, ourValid, peerValid) is not null)
            {
                counts[3]++;
                return true.ToProperty();
            }

            return (ourValid == peerValid).Label($"ours {ourValid}, JsonSchema.Net {peerValid}: {mutated.ToJsonString()}");
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Count), property);
        Console.WriteLine($"differential {file}: {Count} generated, {counts[1]} valid, {counts[0]} invalid by ours, {counts[2]} unanswered by JsonSchema.Net, {counts[3]} listed disagreements");
        Assert.True(counts[0] > 0, $"No generated instance of {file} was invalid: the mutations reach nothing.");
    }
}
