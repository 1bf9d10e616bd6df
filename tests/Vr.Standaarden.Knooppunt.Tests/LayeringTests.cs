using System.Text.RegularExpressions;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// The knooppunt's folders depend one way: <c>Api/</c> → the node (<c>KnooppuntIngest</c>, <c>KnooppuntForwarder</c>) →
/// <c>Situatiebeeld/</c> → <c>Store/</c>. The code of a folder names no type declared in a folder above it (comments
/// aside), so the store never learns of the picture, and the picture never of the API.
/// </summary>
public sealed partial class LayeringTests
{
    // Lowest first; "" is the package's own folder.
    private static readonly string[] Layers = ["Store", "Situatiebeeld", "", "Api"];

    private static readonly string Package = Path.Combine(ConformanceSuites.RepositoryRoot, "src", "Vr.Standaarden.Knooppunt");

    [Fact]
    public void No_folder_names_a_type_of_a_folder_above_it()
    {
        var files = Layers.ToDictionary(layer => layer, layer => Directory.GetFiles(Path.Combine(Package, layer), "*.cs", SearchOption.TopDirectoryOnly));
        Assert.All(Layers, layer => Assert.NotEmpty(files[layer]));
        var declared = Layers.ToDictionary(layer => layer, layer => files[layer].SelectMany(file => Declarations().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));
        Assert.Contains("MessageLog", declared["Store"]);
        Assert.Contains("Situatiebeeld", declared["Situatiebeeld"]);
        Assert.Contains("KnooppuntIngest", declared[""]);
        Assert.Contains("KnooppuntAccess", declared["Api"]);

        var violations = new List<string>();
        for (var i = 0; i < Layers.Length; i++)
        {
            var above = Layers.Skip(i + 1).SelectMany(layer => declared[layer]).ToHashSet(StringComparer.Ordinal);
            foreach (var file in files[Layers[i]])
            {
                var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
                violations.AddRange(Words().Matches(code).Select(m => m.Value).Where(above.Contains).Distinct().Select(name => $"{Path.GetRelativePath(Package, file)} names {name}"));
            }
        }

        Assert.Empty(violations);
    }

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+([A-Z]\w*)")]
    private static partial Regex Declarations();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Words();
}
