package io.poolscope.sample;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The sample's own tracing: an OpenTelemetry SDK that logs every finished span, registered globally
 * as an application would. Poolscope finds it and adds its spans to the same traces.
 */
final class SampleTracing {
  private static Tracer tracer;

  private SampleTracing() {}

  static synchronized void install() {
    if (tracer == null) {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create()))
              .build();
      OpenTelemetrySdk.builder().setTracerProvider(provider).buildAndRegisterGlobal();
      tracer = GlobalOpenTelemetry.getTracer("poolscope-sample");
    }
  }

  static Tracer tracer() {
    install();
    return tracer;
  }
}
