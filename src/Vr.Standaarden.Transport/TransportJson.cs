using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Vr.Standaarden.Transport;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TransportJson : JsonSerializerContext;
