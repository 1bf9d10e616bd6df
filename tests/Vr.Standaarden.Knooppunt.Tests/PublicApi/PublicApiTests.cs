using System.Reflection;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Knooppunt.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_file() =>
        PublicApiApproval.Verify(Assembly.Load("Vr.Standaarden.Knooppunt"));
}
