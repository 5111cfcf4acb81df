using System.Runtime.ExceptionServices;

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// Runs code on a thread with a small stack (256 KB), so that a walk that recurses once per level of a deep input fails
/// inside a test run instead of passing on the test host's large default stack. A stack overflow cannot be caught: it
/// ends the test process, which fails the run just as loudly.
/// </summary>
internal static class SmallStack
{
    public const int Bytes = 256 * 1024;

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, Bytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });
}
