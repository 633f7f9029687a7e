package io.vmservice;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the async twin of a synchronous client from its async interface alone: a method that
 * returns {@code CompletableFuture<T>} runs the synchronous method of the same name and parameters
 * (which returns {@code T}) on a fixed pool with a bounded queue; a method that returns what the
 * synchronous one returns answers at once; one that returns another interface wraps the
 * synchronous result in that interface's twin. {@link #mismatches} lists every async method
 * without such an original, and a twin is only made when there are none.
 */
final class AsyncTwins {

    static final int QUEUE_CAPACITY = 1024;

    private final ThreadPoolExecutor pool;

    AsyncTwins(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "vmservice-async-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The twin of {@code sync} typed as {@code asyncType}, running on this pool. */
    <A> A twin(Class<A> asyncType, Object sync) {
        List<String> mismatches = mismatches(asyncType, sync.getClass());
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(asyncType.getSimpleName() + " does not mirror "
                    + sync.getClass().getSimpleName() + ": " + mismatches);
        }
        Map<Method, Method> originals = new LinkedHashMap<>();
        for (Method method : asyncType.getMethods()) {
            originals.put(method, original(method, sync.getClass()));
        }
        return asyncType.cast(Proxy.newProxyInstance(asyncType.getClassLoader(), new Class<?>[] {asyncType},
                (proxy, method, args) -> method.getDeclaringClass() == Object.class
                        ? objectMethod(proxy, method, args, sync) : dispatch(originals.get(method), method, sync, args)));
    }

    void shutdown() {
        pool.shutdownNow();
    }

    /**
     * Every method of {@code asyncType} that has no original in {@code syncType}: none with its
     * name and parameters, or one whose result does not fit, e.g. {@code CompletableFuture<String>}
     * for an original that returns a {@code byte[]}.
     */
    static List<String> mismatches(Class<?> asyncType, Class<?> syncType) {
        List<String> mismatches = new ArrayList<>();
        for (Method method : asyncType.getMethods()) {
            Method original = original(method, syncType);
            if (original == null) {
                mismatches.add(signature(method) + ": no such method in " + syncType.getSimpleName());
            } else if (!fits(method, original)) {
                mismatches.add(signature(method) + ": returns " + method.getGenericReturnType().getTypeName()
                        + " for " + original.getGenericReturnType().getTypeName());
            }
        }
        return mismatches;
    }

    static String signature(Method method) {
        return method.getName() + "(" + String.join(", ",
                Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
    }

    private static Method original(Method method, Class<?> syncType) {
        try {
            Method original = syncType.getMethod(method.getName(), method.getParameterTypes());
            return Modifier.isStatic(original.getModifiers()) ? null : original;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean fits(Method method, Method original) {
        Type result = method.getGenericReturnType();
        if (result instanceof ParameterizedType future && future.getRawType() == CompletableFuture.class) {
            return future.getActualTypeArguments()[0].equals(boxed(original.getGenericReturnType()));
        }
        if (result.equals(original.getGenericReturnType())) {
            return true;
        }
        return method.getReturnType().isInterface() && mismatches(method.getReturnType(), original.getReturnType()).isEmpty();
    }

    private Object dispatch(Method original, Method method, Object sync, Object[] args) {
        if (method.getReturnType() == CompletableFuture.class) {
            return submit(original, sync, args);
        }
        Object result = invoke(original, sync, args);
        return method.getReturnType() == original.getReturnType() || result == null ? result
                : twin(method.getReturnType(), result);
    }

    /** A twin is equal only to itself and prints as its original. */
    private static Object objectMethod(Object proxy, Method method, Object[] args, Object sync) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "async " + sync;
        };
    }

    private CompletableFuture<Object> submit(Method original, Object sync, Object[] args) {
        if (pool.isShutdown()) {
            return CompletableFuture.failedFuture(new VmServiceException(ErrorCodes.CLIENT_CLOSED,
                    "the client is closed; build a new one"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> invoke(original, sync, args), pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new VmServiceException(ErrorCodes.BUSY, "the async client has "
                    + QUEUE_CAPACITY + " operations waiting; wait for some to finish or raise asyncThreads"));
        }
    }

    /** Runs the original; its own exception is thrown as it is, not wrapped by reflection. */
    private static Object invoke(Method original, Object sync, Object[] args) {
        try {
            return original.invoke(sync, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CompletionException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + original, e);
        }
    }

    private static Type boxed(Type type) {
        if (!(type instanceof Class<?> c) || !c.isPrimitive()) {
            return type;
        }
        return switch (c.getName()) {
            case "void" -> Void.class;
            case "boolean" -> Boolean.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }
}
