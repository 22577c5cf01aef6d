package io.poolscope.agent.features.tracing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * The methods of an OpenTelemetry API copy in another class loader that {@link ReflectiveTraceApi}
 * calls, looked up once, with every reference type erased to {@code Object} (call them with {@code
 * invokeExact} and {@code Object} arguments); a method whose result is not needed (a setter, a void
 * method) is typed to return {@code Object}, so that every call has the same form. Looking up fails
 * as a whole, with the missing method named, when the copy is too old.
 */
final class TraceApiHandles {
  private static final String API = "io.opentelemetry.api.";
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

  final Object internalKind;
  final Object clientKind;
  final Object errorStatus;
  final MethodHandle spanCurrent;
  final MethodHandle spanWrap;
  final MethodHandle getSpanContext;
  final MethodHandle isValid;
  final MethodHandle spanBuilder;
  final MethodHandle setSpanKind;
  final MethodHandle setParent;
  final MethodHandle contextRoot;
  final MethodHandle contextWith;
  final MethodHandle setStartTimestamp;
  final MethodHandle builderString;
  final MethodHandle builderLong;
  final MethodHandle startSpan;
  final MethodHandle spanString;
  final MethodHandle setStatus;
  final MethodHandle end;
  final MethodHandle endAt;
  final MethodHandle addEvent;
  final MethodHandle attributesBuilder;
  final MethodHandle putString;
  final MethodHandle putLong;
  final MethodHandle putDouble;
  final MethodHandle putBoolean;
  final MethodHandle putStrings;
  final MethodHandle build;

  /** Looks up the copy that defined {@code global}, its {@code GlobalOpenTelemetry}. */
  TraceApiHandles(Class<?> global) throws ReflectiveOperationException {
    ClassLoader loader = global.getClassLoader();
    Class<?> tracerType = type(loader, API + "trace.Tracer");
    Class<?> builderType = type(loader, API + "trace.SpanBuilder");
    Class<?> span = type(loader, API + "trace.Span");
    Class<?> spanContext = type(loader, API + "trace.SpanContext");
    Class<?> spanKind = type(loader, API + "trace.SpanKind");
    Class<?> statusCode = type(loader, API + "trace.StatusCode");
    Class<?> attributes = type(loader, API + "common.Attributes");
    Class<?> attributesBuilderType = type(loader, API + "common.AttributesBuilder");
    Class<?> context = type(loader, "io.opentelemetry.context.Context");
    Class<?> keyed = type(loader, "io.opentelemetry.context.ImplicitContextKeyed");

    internalKind = constant(spanKind, "INTERNAL");
    clientKind = constant(spanKind, "CLIENT");
    errorStatus = constant(statusCode, "ERROR");
    spanCurrent = statik(span, "current", span);
    spanWrap = statik(span, "wrap", span, spanContext);
    getSpanContext = virtual(span, "getSpanContext", spanContext);
    isValid = virtual(spanContext, "isValid", boolean.class);
    spanBuilder = virtual(tracerType, "spanBuilder", builderType, String.class);
    setSpanKind = virtual(builderType, "setSpanKind", builderType, spanKind);
    setParent = setter(builderType, "setParent", builderType, context);
    contextRoot = statik(context, "root", context);
    contextWith = virtual(context, "with", context, keyed);
    setStartTimestamp =
        setter(builderType, "setStartTimestamp", builderType, long.class, TimeUnit.class);
    builderString = setter(builderType, "setAttribute", builderType, String.class, String.class);
    builderLong = setter(builderType, "setAttribute", builderType, String.class, long.class);
    startSpan = virtual(builderType, "startSpan", span);
    spanString = setter(span, "setAttribute", span, String.class, String.class);
    setStatus = setter(span, "setStatus", span, statusCode);
    end = setter(span, "end", void.class);
    endAt = setter(span, "end", void.class, long.class, TimeUnit.class);
    addEvent = setter(span, "addEvent", span, String.class, attributes, long.class, TimeUnit.class);
    attributesBuilder = statik(attributes, "builder", attributesBuilderType);
    putString = put(attributesBuilderType, String.class);
    putLong = put(attributesBuilderType, long.class);
    putDouble = put(attributesBuilderType, double.class);
    putBoolean = put(attributesBuilderType, boolean.class);
    putStrings = put(attributesBuilderType, String[].class);
    build = virtual(attributesBuilderType, "build", attributes);
  }

  private static Class<?> type(ClassLoader loader, String name) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  private static Object constant(Class<?> enumType, String name)
      throws ReflectiveOperationException {
    return enumType.getField(name).get(null);
  }

  private static MethodHandle put(Class<?> builder, Class<?> valueType)
      throws ReflectiveOperationException {
    return setter(builder, "put", builder, String.class, valueType);
  }

  private static MethodHandle virtual(
      Class<?> owner, String name, Class<?> returnType, Class<?>... parameters)
      throws ReflectiveOperationException {
    // Fixed arity: a varargs method (put(String, String...)) would otherwise collect the erased
    // array argument into a new array.
    MethodHandle handle =
        LOOKUP
            .findVirtual(owner, name, MethodType.methodType(returnType, parameters))
            .asFixedArity();
    return handle.asType(handle.type().erase());
  }

  /**
   * A method whose result {@link ReflectiveTraceApi} does not need (a setter's receiver, or
   * nothing): returns {@code Object}, null for a void method.
   */
  private static MethodHandle setter(
      Class<?> owner, String name, Class<?> returnType, Class<?>... parameters)
      throws ReflectiveOperationException {
    MethodHandle handle = virtual(owner, name, returnType, parameters);
    return handle.asType(handle.type().changeReturnType(Object.class));
  }

  private static MethodHandle statik(
      Class<?> owner, String name, Class<?> returnType, Class<?>... parameters)
      throws ReflectiveOperationException {
    MethodHandle handle =
        LOOKUP.findStatic(owner, name, MethodType.methodType(returnType, parameters));
    return handle.asType(handle.type().erase());
  }
}
