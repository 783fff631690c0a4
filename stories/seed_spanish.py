"""Sample Spanish translations of the demo campaign and four of its stories, written for the demo.

They show a family reading the campaign in Spanish: the campaign page, the story of the month and the next
premiere on a display, and two earlier stories; the other stories fall back to English. A district would
have its own translators write and review these.
"""

CAMPAIGN = {
    "Better Together": "Mejores juntos",
    "Tacoma Public Schools is committed to the belief that we are better together. That means every student, "
    "teacher, parent, staff member, volunteer and community member connected to our schools plays a role in "
    "helping our students thrive. As a result, our community grows stronger.": "Las Escuelas Públicas de Tacoma "
    "creen firmemente que somos mejores juntos. Eso significa que cada estudiante, maestro, padre o madre, miembro "
    "del personal, voluntario y miembro de la comunidad vinculado a nuestras escuelas ayuda a que nuestros "
    "estudiantes prosperen. Así, nuestra comunidad se fortalece.",
    "Throughout the 2022-23 school year, we’re telling the stories of TPS students growing and thriving with the "
    'help of the people around them. Check out our <a id="a1">printed #BetterTogether calendar</a> and watch this '
    "page for a new video story each month.": "Durante el año escolar 2022-23, contamos las historias de "
    "estudiantes de TPS que crecen y prosperan con la ayuda de las personas que los rodean. Consulte nuestro "
    '<a id="a1">calendario impreso #BetterTogether</a> y visite esta página para ver una nueva historia en video '
    "cada mes.",
    "Let's continue to come together this year to strengthen our community and help every student learn and "
    "succeed. We can and should do this because we are truly better together.": "Sigamos uniéndonos este año "
    "para fortalecer nuestra comunidad y ayudar a cada estudiante a aprender y a tener éxito. Podemos y debemos "
    "hacerlo porque de verdad somos mejores juntos.",
    "Upcoming stories": "Próximas historias",
}

# Story slug → its strings (English → Spanish).
STORIES = {
    "2023-06-class-of-2023": {
        "Class of 2023": "Generación 2023",
        "This month, the graduating Class of 2023 will enter the world as confident, educated adults. At every "
        "step of their school journey, they were nurtured, supported, served and sustained by their communities – "
        "at school, at home and throughout this city. They are living proof that we are better together.": "Este "
        "mes, la Generación 2023 saldrá al mundo como adultos seguros y preparados. En cada paso de su camino "
        "escolar, sus comunidades los cuidaron, apoyaron, atendieron y sostuvieron: en la escuela, en casa y en "
        "toda esta ciudad. Son la prueba viva de que somos mejores juntos.",
        "Graduation Websites Coming Soon": "Próximamente: sitios web de graduación",
    },
    "2023-05-kendy": {
        "Kendy": "Kendy",
        "WE ARE COMMITTED TOGETHER": "JUNTOS NOS COMPROMETEMOS",
        "As a child in Tacoma Public Schools, Kendy felt the power of good teachers. In the Teach 253 program at "
        "Lincoln High School, Lisa Egenes helped her envision a future where she could have that power. Now she’s "
        "back in Tacoma as a first-year teacher, committed to serving the kids of her community.": "De niña, en las "
        "Escuelas Públicas de Tacoma, Kendy sintió el poder de los buenos maestros. En el programa Teach 253 de "
        "Lincoln High School, Lisa Egenes la ayudó a imaginar un futuro en el que ella también tuviera ese poder. "
        "Ahora ha vuelto a Tacoma como maestra en su primer año, comprometida a servir a los niños de su comunidad.",
    },
    "2023-03-jose": {
        "José": "José",
        "WE ARE SMARTER TOGETHER": "JUNTOS SOMOS MÁS INTELIGENTES",
        "For Pi Day, March 14, Lyon students memorized as many digits of pi as they could. José soon found he had a "
        "knack for numbers and could remember more digits than anyone at school. His teacher and classmates helped "
        "him uncover an unexpected talent, and together, they celebrate it.": "Para el Día de Pi, el 14 de marzo, "
        "los estudiantes de Lyon memorizaron todos los dígitos de pi que pudieron. José pronto descubrió que tenía "
        "facilidad para los números y que podía recordar más dígitos que nadie en la escuela. Su maestro y sus "
        "compañeros lo ayudaron a descubrir un talento inesperado, y juntos lo celebran.",
    },
    "2022-12-leila": {
        "Leila": "Leila",
        "For Leila, dancing is more than just fun – it’s an expression of her heritage. She’s a member of Tautua "
        "Pasifika, a student club celebrating Pacific Islander culture through traditional dance and music. The "
        "Mount Tahoma group helps Leila connect to her Samoan roots and better understand her identity.": "Para "
        "Leila, bailar es más que una diversión: es una expresión de su herencia. Es miembro de Tautua Pasifika, un "
        "club estudiantil que celebra la cultura de las islas del Pacífico con danza y música tradicionales. El "
        "grupo de Mount Tahoma ayuda a Leila a conectar con sus raíces samoanas y a entender mejor su identidad.",
        "[A sample video for the demo content: a title card, with no speech.]": "[Un video de muestra para el "
        "contenido de demostración: una portada, sin voz.]",
        "On screen: Better Together. Leila, December 2022.": "En pantalla: Mejores juntos. Leila, diciembre de 2022.",
    },
}
