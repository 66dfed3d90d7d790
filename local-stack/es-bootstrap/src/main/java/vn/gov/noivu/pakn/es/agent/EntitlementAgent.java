package vn.gov.noivu.pakn.es.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * The entitlement agent the server attaches to itself (lib/entitlement-agent/ holds exactly this jar). The server
 * passes the name of its initialization class as the agent argument and exports that class's package to the unnamed
 * module of the system class loader, where agents live; all this agent does is hand it the {@link Instrumentation}.
 */
public final class EntitlementAgent {

    private EntitlementAgent() {}

    public static void agentmain(String agentArgs, Instrumentation inst) throws Exception {
        String initClass = agentArgs == null || agentArgs.isBlank()
            ? "org.elasticsearch.entitlement.initialization.EntitlementInitialization"
            : agentArgs.trim();
        Class<?> init = Class.forName(initClass, true, ClassLoader.getSystemClassLoader());
        try {
            init.getMethod("initialize", Instrumentation.class).invoke(null, inst);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
