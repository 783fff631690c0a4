"""The four alert templates in every content language, the English reworded to match the translations.

A frozen copy of displays/alert_templates.py at the time: later edits there do not change what this does.
"""

from django.db import migrations

TRANSLATIONS = {'lockdown': {'en': ('Lockdown',
                     'Lockdown in effect. Go into the nearest room, lock the door, stay quiet and out of sight. '
                     'Follow staff directions. Stay there until you hear the all clear.'),
              'es': ('Confinamiento',
                     'Confinamiento en curso. Entre en el salón más cercano, cierre la puerta con llave, guarde '
                     'silencio y no se deje ver. Siga las instrucciones del personal. Quédese allí hasta que se '
                     'anuncie que ya no hay peligro.'),
              'vi': ('Phong tỏa',
                     'Đang phong tỏa. Vào phòng gần nhất, khóa cửa, giữ im lặng và tránh để bị nhìn thấy. Làm theo '
                     'hướng dẫn của nhân viên. Ở yên đó cho đến khi có thông báo an toàn.'),
              'ru': ('Режим изоляции',
                     'Объявлен режим изоляции. Зайдите в ближайшее помещение, заприте дверь, соблюдайте тишину и '
                     'не показывайтесь. Следуйте указаниям персонала. Оставайтесь на месте, пока не объявят, что '
                     'опасность миновала.'),
              'uk': ('Режим ізоляції',
                     'Оголошено режим ізоляції. Зайдіть до найближчого приміщення, замкніть двері, зберігайте тишу '
                     'й не показуйтеся. Виконуйте вказівки персоналу. Залишайтеся на місці, доки не оголосять, що '
                     'небезпека минула.'),
              'km': ('ការបិទខ្ទប់',
                     'កំពុងមានការបិទខ្ទប់។ ចូលទៅក្នុងបន្ទប់ដែលនៅជិតបំផុត ចាក់សោទ្វារ នៅស្ងៀម ហើយកុំឲ្យគេមើលឃើញ។ '
                     'សូមធ្វើតាមការណែនាំរបស់បុគ្គលិក។ សូមនៅទីនោះរហូតដល់មានការប្រកាសថាមានសុវត្ថិភាព។'),
              'so': ('Xiritaan',
                     'Xiritaan ayaa socda. Gal qolka kuugu dhow, quful albaabka, aamus oo ha la ku arkin. Raac '
                     'tilmaamaha shaqaalaha. Halkaas joog ilaa laga sheego in ay ammaan tahay.'),
              'ko': ('봉쇄',
                     '봉쇄 조치 중입니다. 가장 가까운 방으로 들어가 문을 잠그고, 조용히 하며 보이지 않는 곳에 머무르십시오. 교직원의 지시를 따르십시오. 안전하다는 안내가 있을 때까지 '
                     '그대로 계십시오.'),
              'zh-hans': ('封锁', '封锁进行中。进入最近的房间，锁上门，保持安静，不要让人看见。听从工作人员的指示。在宣布安全之前请留在原地。'),
              'sm': ('Lokaina',
                     'Ua lokaina le aʻoga. Ulu i le potu e latalata ane, loka le faitotoʻa, filemu ma lilo. '
                     'Mulimuli i faatonuga a le aufaigaluega. Nofo ai seʻia faailoa mai ua saogalemu.')},
 'shelter-in-place': {'en': ('Shelter in place',
                             'Stay inside the building. Close doors and windows. Follow staff directions until you '
                             'hear the all clear.'),
                      'es': ('Refugio en el lugar',
                             'Permanezca dentro del edificio. Cierre puertas y ventanas. Siga las instrucciones '
                             'del personal hasta que se anuncie que ya no hay peligro.'),
                      'vi': ('Trú ẩn tại chỗ',
                             'Ở lại bên trong tòa nhà. Đóng cửa ra vào và cửa sổ. Làm theo hướng dẫn của nhân viên '
                             'cho đến khi có thông báo an toàn.'),
                      'ru': ('Укрытие на месте',
                             'Оставайтесь в здании. Закройте двери и окна. Следуйте указаниям персонала, пока не '
                             'объявят, что опасность миновала.'),
                      'uk': ('Укриття на місці',
                             'Залишайтеся в будівлі. Зачиніть двері та вікна. Виконуйте вказівки персоналу, доки '
                             'не оголосять, що небезпека минула.'),
                      'km': ('ជ្រកកោននៅនឹងកន្លែង',
                             'សូមនៅខាងក្នុងអគារ។ បិទទ្វារ និងបង្អួច។ សូមធ្វើតាមការណែនាំរបស់បុគ្គលិក '
                             'រហូតដល់មានការប្រកាសថាមានសុវត្ថិភាព។'),
                      'so': ('Ku gabbo meesha aad joogto',
                             'Ku jir dhismaha gudihiisa. Xir albaabada iyo daaqadaha. Raac tilmaamaha shaqaalaha '
                             'ilaa laga sheego in ay ammaan tahay.'),
                      'ko': ('실내 대피', '건물 안에 머무르십시오. 문과 창문을 닫으십시오. 안전하다는 안내가 있을 때까지 교직원의 지시를 따르십시오.'),
                      'zh-hans': ('就地避险', '请留在建筑物内。关好门窗。听从工作人员的指示，直到宣布安全。'),
                      'sm': ('Malu i le mea o iai',
                             'Nofo i totonu o le fale. Tapuni faitotoʻa ma faamalama. Mulimuli i faatonuga a le '
                             'aufaigaluega seʻia faailoa mai ua saogalemu.')},
 'weather-closure': {'en': ('Closed for weather',
                            'School is closed today because of the weather. Stay safe, and watch for district '
                            'messages for updates.'),
                     'es': ('Cerrado por el clima',
                            'La escuela está cerrada hoy debido al clima. Manténgase seguro y esté atento a los '
                            'mensajes del distrito.'),
                     'vi': ('Đóng cửa do thời tiết',
                            'Hôm nay trường đóng cửa do thời tiết. Hãy giữ an toàn và theo dõi thông báo của học '
                            'khu.'),
                     'ru': ('Закрыто из-за погоды',
                            'Сегодня школа закрыта из-за погоды. Берегите себя и следите за сообщениями школьного '
                            'округа.'),
                     'uk': ('Зачинено через погоду',
                            'Сьогодні школа зачинена через погоду. Бережіть себе та стежте за повідомленнями '
                            'шкільного округу.'),
                     'km': ('បិទដោយសារអាកាសធាតុ',
                            'ថ្ងៃនេះសាលាបិទដោយសារអាកាសធាតុ។ សូមរក្សាសុវត្ថិភាព ហើយតាមដានសារពីមណ្ឌលសិក្សា។'),
                     'so': ('Waa xiran yahay cimilada darteed',
                            'Dugsigu maanta waa xiran yahay cimilada darteed. Ammaan ahaada, lana soco fariimaha '
                            'degmada.'),
                     'ko': ('기상 악화로 휴교', '오늘은 기상 악화로 휴교합니다. 안전에 유의하시고 교육구 안내를 확인하십시오.'),
                     'zh-hans': ('因天气停课', '今天学校因天气原因停课。请注意安全，并留意学区发布的消息。'),
                     'sm': ('Tapuni ona o le tau',
                            'Ua tapuni le aʻoga i le aso ona o le tau. Ia saogalemu, ma mātau feʻau a le '
                            'itumalo.')},
 'all-clear': {'en': ('All clear',
                      'The emergency is over. It is safe to return to normal activities. Follow staff directions.'),
               'es': ('Fin de la emergencia',
                      'La emergencia terminó. Es seguro volver a las actividades normales. Siga las instrucciones '
                      'del personal.'),
               'vi': ('Đã an toàn',
                      'Tình trạng khẩn cấp đã kết thúc. Có thể an toàn trở lại sinh hoạt bình thường. Làm theo '
                      'hướng dẫn của nhân viên.'),
               'ru': ('Отбой',
                      'Чрезвычайная ситуация закончилась. Можно безопасно вернуться к обычным занятиям. Следуйте '
                      'указаниям персонала.'),
               'uk': ('Відбій',
                      'Надзвичайна ситуація минула. Можна безпечно повернутися до звичайних занять. Виконуйте '
                      'вказівки персоналу.'),
               'km': ('មានសុវត្ថិភាពហើយ',
                      'ស្ថានភាពអាសន្នបានបញ្ចប់ហើយ។ អាចត្រឡប់ទៅសកម្មភាពធម្មតាវិញដោយសុវត្ថិភាព។ '
                      'សូមធ្វើតាមការណែនាំរបស់បុគ្គលិក។'),
               'so': ('Khatartii way dhammaatay',
                      'Xaaladda degdegga ahi way dhammaatay. Waa ammaan in lagu laabto hawlaha caadiga ah. Raac '
                      'tilmaamaha shaqaalaha.'),
               'ko': ('상황 종료', '비상 상황이 끝났습니다. 평소 활동으로 돌아가도 안전합니다. 교직원의 지시를 따르십시오.'),
               'zh-hans': ('警报解除', '紧急情况已经结束。可以安全地恢复正常活动。请听从工作人员的指示。'),
               'sm': ('Ua saogalemu',
                      'Ua uma le faalavelave faafuasei. Ua saogalemu le toe foʻi i gaoioiga masani. Mulimuli i '
                      'faatonuga a le aufaigaluega.')}}


def add_translations(apps, schema_editor):
    AlertTemplate = apps.get_model("displays", "AlertTemplate")
    AlertTemplateText = apps.get_model("displays", "AlertTemplateText")
    for template in AlertTemplate.objects.filter(slug__in=TRANSLATIONS):
        for language, (title, message) in TRANSLATIONS[template.slug].items():
            AlertTemplateText.objects.update_or_create(
                template=template, language=language, defaults={"title": title, "message": message}
            )


def remove_translations(apps, schema_editor):
    AlertTemplateText = apps.get_model("displays", "AlertTemplateText")
    AlertTemplateText.objects.filter(template__slug__in=TRANSLATIONS).exclude(language="en").delete()


class Migration(migrations.Migration):
    dependencies = [("displays", "0002_emergency_alerts")]

    operations = [migrations.RunPython(add_translations, remove_translations)]
