namespace Vr.Standaarden.Testing;

/// <summary>
/// Finds the official conformance suites, which are used in place and never copied into this repository.
/// </summary>
public static class ConformanceSuites
{
    /// <summary>Environment variable that overrides the folder holding the suites.</summary>
    public const string RootVariable = "VR_CONFORMANCE_DIR";

    /// <summary>Public home of the JSON Schema test suite.</summary>
    public const string JsonSchemaTestSuiteRepository = "https://github.com/json-schema-org/JSON-Schema-Test-Suite";

    /// <summary>The folder that holds the suites: <see cref="RootVariable"/>, else <c>../shared/conformance</c> from the repository root.</summary>
    public static string Root
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(RootVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Path.GetFullPath(configured);
            }

            return Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance"));
        }
    }

    /// <summary>The JSON-Schema-Test-Suite folder, or <c>null</c> when it is not present on this machine.</summary>
    public static string? JsonSchemaTestSuite
    {
        get
        {
            var path = Path.Combine(Root, "json-schema-test-suite");
            return Directory.Exists(Path.Combine(path, "tests")) ? path : null;
        }
    }

    /// <summary>The message a test gives when it cannot run because the JSON Schema test suite is missing.</summary>
    public static string JsonSchemaTestSuiteMissing =>
        $"The JSON Schema test suite was not found under {Root}. Clone {JsonSchemaTestSuiteRepository} there " +
        $"(as json-schema-test-suite) or set {RootVariable} to the folder that holds it.";

    /// <summary>The repository root: the nearest folder above the test assembly that holds Vr.Standaarden.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vr.Standaarden.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException(
                $"No Vr.Standaarden.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
        }
    }
}
