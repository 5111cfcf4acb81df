// netstandard2.0 lacks the marker types that `init` accessors and records need; the compiler only needs them to exist.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
