using Xunit;

namespace Vr.Standaarden.Testing;

/// <summary>
/// A theory over the official JSON Schema test suite. When the suite is not on this machine the theory is skipped,
/// and the skip reason says where to get it (CI refuses to run without it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JsonSchemaSuiteTheoryAttribute : TheoryAttribute
{
    public JsonSchemaSuiteTheoryAttribute()
    {
        if (ConformanceSuites.JsonSchemaTestSuite is null)
        {
            // Reason: the suite is used in place from ../shared/conformance and is absent on this machine; the
            // message says where to get it. CI (.ci/run) refuses to run without it, so there it never skips.
            Skip = ConformanceSuites.JsonSchemaTestSuiteMissing;
        }
    }
}
