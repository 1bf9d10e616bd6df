using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Schema.Tests.Conformance;

/// <summary>The required tests of draft-07, 2019-09 and 2020-12, and the format tests with format assertion on.</summary>
public sealed class JsonSchemaTestSuiteTests
{
    public static TheoryData<string> Draft7 => SuiteCase.Cases("draft7", ".");

    public static TheoryData<string> Draft201909 => SuiteCase.Cases("draft2019-09", ".");

    public static TheoryData<string> Draft202012 => SuiteCase.Cases("draft2020-12", ".");

    public static TheoryData<string> Draft7Formats => SuiteCase.Cases("draft7", "optional/format");

    public static TheoryData<string> Draft201909Formats => SuiteCase.Cases("draft2019-09", "optional/format");

    public static TheoryData<string> Draft202012Formats => SuiteCase.Cases("draft2020-12", "optional/format");

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft7))]
    public void Draft7_required(string id) => SuiteCase.Run(id, assertFormat: false);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft201909))]
    public void Draft2019_09_required(string id) => SuiteCase.Run(id, assertFormat: false);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft202012))]
    public void Draft2020_12_required(string id) => SuiteCase.Run(id, assertFormat: false);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft7Formats))]
    public void Draft7_format(string id) => SuiteCase.Run(id, assertFormat: true);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft201909Formats))]
    public void Draft2019_09_format(string id) => SuiteCase.Run(id, assertFormat: true);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Draft202012Formats))]
    public void Draft2020_12_format(string id) => SuiteCase.Run(id, assertFormat: true);
}
