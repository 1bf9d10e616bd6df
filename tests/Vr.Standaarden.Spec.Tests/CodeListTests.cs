using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vr.Standaarden.Cli.Spec;

namespace Vr.Standaarden.Spec.Tests;

public sealed class CodeListTests
{
    public static TheoryData<string> CodeLists() => [.. SpecFolders.LoadedRelease.CodeLists.Select(c => c.Name)];

    private static SpecDocument List(string name) => SpecFolders.LoadedRelease.CodeLists.Single(c => c.Name == name);

    private static List<JsonElement> Codes(string name) => [.. List(name).Root.GetProperty("codes").EnumerateArray()];

    private static JsonElement Code(string list, string code) => Codes(list).Single(c => c.GetProperty("code").GetString() == code);

    [Theory]
    [MemberData(nameof(CodeLists))]
    public void Code_list_has_the_code_list_shape(string name)
    {
        var shape = SpecFolders.Build(Path.Combine(SpecFolders.Release, "meta", "codelijst.schema.json"));
        var result = shape.Evaluate(List(name).Root, Schema.OutputFormat.List);
        Assert.True(result.IsValid, string.Join("\n", result.MostSpecificErrors));
    }

    [Theory]
    [MemberData(nameof(CodeLists))]
    public void Identifier_and_name_follow_the_file_name(string name)
    {
        var list = List(name);
        Assert.Equal($"{SpecFolders.ReleaseUri}codelijsten/{name}.json", list.Id);
        Assert.Equal(name, list.Root.GetProperty("codelijst").GetProperty("naam").GetString());
    }

    [Theory]
    [MemberData(nameof(CodeLists))]
    public void Codes_are_unique_and_the_schema_accepts_exactly_the_listed_form(string name)
    {
        var list = List(name).Root;
        var codes = Codes(name).Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        if (list.TryGetProperty("enum", out var values))
        {
            // A closed list: enum is the codes, in the same order.
            Assert.Equal(codes, values.EnumerateArray().Select(v => v.GetString()!).ToList());
        }
        else
        {
            // An open list: every listed code has the shape the pattern demands.
            var pattern = new Regex(list.GetProperty("pattern").GetString()!, RegexOptions.CultureInvariant);
            Assert.All(codes, code => Assert.Matches(pattern, code));
        }

        // And the schema agrees: every listed code is valid against the list itself.
        var schema = SpecFolders.Build(List(name).Path);
        Assert.All(codes, code => Assert.True(schema.Evaluate(JsonSerializer.SerializeToUtf8Bytes(code), Schema.OutputFormat.Flag).IsValid, code));
    }

    [Theory]
    [MemberData(nameof(CodeLists))]
    public void Validity_periods_run_forward(string name)
    {
        foreach (var code in Codes(name))
        {
            if (code.TryGetProperty("geldigVanaf", out var from) && code.TryGetProperty("geldigTot", out var to))
            {
                Assert.True(
                    DateOnly.Parse(from.GetString()!, CultureInfo.InvariantCulture) < DateOnly.Parse(to.GetString()!, CultureInfo.InvariantCulture),
                    $"{code.GetProperty("code")}: {from} is not before {to}");
            }
        }
    }

    [Fact]
    public void Grip_levels_are_GRIP0_to_GRIP5_with_GRIPRIJK_kept_as_deprecated()
    {
        var codes = Codes("grip-niveau");
        Assert.Equal(["GRIP0", "GRIP1", "GRIP2", "GRIP3", "GRIP4", "GRIP5", "GRIPRIJK"], codes.Select(c => c.GetProperty("code").GetString()));
        Assert.All(codes, c => Assert.Equal(c.GetProperty("code").GetString() == "GRIPRIJK", c.GetProperty("vervallen").GetBoolean()));
    }

    [Fact]
    public void Lmc_has_all_nine_MC1_values_and_is_open_for_additions()
    {
        var mc1 = Codes("meldingsclassificatie").Where(c => c.GetProperty("code").GetString()!.Length == 2)
            .Select(c => c.GetProperty("kenmerken").GetProperty("mc1").GetString()).ToList();
        Assert.Equal(
            ["Alarm", "Bezitsaantasting", "Brand", "Dienstverlening", "Gezondheid", "Leefmilieu", "Ongeval", "Veiligheid en openbare orde", "Verkeer"],
            mc1.Order(StringComparer.Ordinal));
        Assert.True(List("meldingsclassificatie").Root.GetProperty("codelijst").GetProperty("open").GetBoolean());
        var schema = SpecFolders.Build(List("meldingsclassificatie").Path);
        Assert.True(schema.Evaluate("\"brgb11\""u8, Schema.OutputFormat.Flag).IsValid, "an unlisted code of the right shape is accepted");
        Assert.False(schema.Evaluate("\"br-gb\""u8, Schema.OutputFormat.Flag).IsValid, "a code of the wrong shape is rejected");
    }

    [Fact]
    public void Crisis_type_themes_1_to_3_are_verified_and_4_to_7_are_not()
    {
        foreach (var code in Codes("crisistype"))
        {
            var theme = code.GetProperty("code").GetString()![0] - '0';
            Assert.Equal(theme <= 3, code.GetProperty("geverifieerd").GetBoolean());
        }
    }

    [Fact]
    public void Safety_regions_are_VR01_to_VR25()
    {
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"VR{i:00}"), Codes("veiligheidsregio").Select(c => c.GetProperty("code").GetString()));
        Assert.Equal("Amsterdam-Amstelland", Code("veiligheidsregio", "VR13").GetProperty("kenmerken").GetProperty("naam").GetString());
    }

    [Fact]
    public void Every_unverified_code_says_why()
    {
        var unexplained = SpecFolders.LoadedRelease.CodeLists
            .SelectMany(l => l.Root.GetProperty("codes").EnumerateArray().Select(c => (l.Name, Code: c)))
            .Where(x => !x.Code.GetProperty("geverifieerd").GetBoolean() && !x.Code.TryGetProperty("opmerking", out _))
            .Select(x => $"{x.Name}/{x.Code.GetProperty("code")}")
            .ToList();
        Assert.Empty(unexplained);
    }
}
